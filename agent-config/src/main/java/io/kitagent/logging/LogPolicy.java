package io.kitagent.logging;

import io.kitagent.config.Level;

import java.util.Set;

/**
 * {@code log:} of a method rule. {@code redact} holds lower-cased parameter names (and
 * {@code result}) whose values are written as {@code ***}.
 */
public record LogPolicy(Level level, boolean args, boolean result, Set<String> redact) {

  public static final LogPolicy DEFAULT = new LogPolicy(Level.INFO, false, false, Set.of());

  public LogPolicy {
    redact = Set.copyOf(redact);
  }

  public boolean redacts(String name) {
    return redact.contains(name.toLowerCase(java.util.Locale.ROOT));
  }
}
