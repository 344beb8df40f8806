package io.kitagent.config;

/**
 * {@code http.client:} or {@code http.server:}. {@code log} is null when requests are not logged,
 * {@code metrics} null when they are not measured (tags of a {@link MetricsPolicy} are not used).
 */
public record HttpPolicy(HttpLogPolicy log, MetricsPolicy metrics) {}
