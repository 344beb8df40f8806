package io.kitagent.logging;

import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;

/** {@code logging:} — the global level filter, the line format and where lines go. */
public record LoggingSettings(Level level, LogFormat format, String output) {

  public static final String STDOUT = "stdout";
  public static final String STDERR = "stderr";
}
