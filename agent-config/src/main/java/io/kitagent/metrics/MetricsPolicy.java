package io.kitagent.metrics;

import java.time.Duration;
import java.util.List;

/**
 * {@code metrics:} of a method rule: a timer {@code kit.method} per call, with an optional histogram,
 * client-side percentiles, SLO buckets, and tags taken from arguments.
 */
public record MetricsPolicy(boolean histogram, List<Double> percentiles, List<Duration> slo,
    List<ArgumentTag> tags) {

  public static final MetricsPolicy DEFAULT = new MetricsPolicy(false, List.of(), List.of(), List.of());

  public MetricsPolicy {
    percentiles = List.copyOf(percentiles);
    slo = List.copyOf(slo);
    tags = List.copyOf(tags);
  }
}
