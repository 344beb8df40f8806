package io.kitagent.logging;

import io.kitagent.config.Level;

/**
 * {@code log:} of {@code http.client} or {@code http.server}: the level of a successful request's
 * event, and whether the URL keeps its query string (off by default: it often carries tokens).
 */
public record HttpLogPolicy(Level level, boolean query) {

  public static final HttpLogPolicy DEFAULT = new HttpLogPolicy(Level.INFO, false);
}
