package io.kitagent.metrics;

import java.time.Duration;

/**
 * {@code metrics:} — where meters go and what the agent adds on its own. {@code statsd} and
 * {@code stdoutStep} are null when not configured.
 */
public record MetricsSettings(boolean prometheus, boolean jvm, StatsdSettings statsd, Duration stdoutStep,
    int maxTagValues) {

  public static final int DEFAULT_MAX_TAG_VALUES = 100;
}
