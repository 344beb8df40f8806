package io.kitagent.bulkhead;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.micrometer.tagged.BulkheadMetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Resilience4j semaphore bulkhead with resilience4j-micrometer's gauges. */
final class MeteredBulkhead {

  private static final BulkheadMetricNames NAMES = BulkheadMetricNames.ofDefaults();

  private final Bulkhead bulkhead;

  MeteredBulkhead(Bulkhead bulkhead, MeterRegistry meters) {
    this.bulkhead = bulkhead;
    if (meters != null) {
      String name = bulkhead.getName();
      Gauge.builder(NAMES.getAvailableConcurrentCallsMetricName(), bulkhead,
              b -> b.getMetrics().getAvailableConcurrentCalls())
          .description("The number of available permissions").tag("name", name).register(meters);
      Gauge.builder(NAMES.getMaxAllowedConcurrentCallsMetricName(), bulkhead,
              b -> b.getMetrics().getMaxAllowedConcurrentCalls())
          .description("The maximum number of available permissions").tag("name", name).register(meters);
    }
  }

  String name() {
    return bulkhead.getName();
  }

  /** A place, waiting at most the bulkhead's {@code maxWaitDuration} for one. */
  boolean enter() {
    return bulkhead.tryAcquirePermission();
  }

  /**
   * Gives the place back: one semaphore release ({@code onComplete} would publish an event after it,
   * and a release step must be one indivisible action, see {@code Policy.release}).
   */
  void leave() {
    bulkhead.releasePermission();
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("max_concurrent_calls", bulkhead.getMetrics().getMaxAllowedConcurrentCalls());
    out.put("available_concurrent_calls", bulkhead.getMetrics().getAvailableConcurrentCalls());
    return out;
  }
}
