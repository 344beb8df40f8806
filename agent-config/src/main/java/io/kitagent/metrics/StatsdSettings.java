package io.kitagent.metrics;

import java.time.Duration;

/** {@code metrics.statsd:} — push the same meters over UDP. */
public record StatsdSettings(String host, int port, Flavor flavor, Duration step) {

  public enum Flavor { ETSY, DATADOG, TELEGRAF }
}
