package io.kitagent.limiter;

import io.github.resilience4j.micrometer.tagged.RateLimiterMetricNames;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Resilience4j rate limiter, with resilience4j-micrometer's gauges when it has a name of its own
 * (a bucket of a {@code by} key has none: one gauge per client would be unbounded).
 */
final class MeteredLimiter {

  private static final RateLimiterMetricNames NAMES = RateLimiterMetricNames.ofDefaults();

  private final AtomicRateLimiter limiter;
  private final int limitForPeriod;
  private final long periodNanos;

  MeteredLimiter(RateLimiter limiter, MeterRegistry meters) {
    this.limiter = (AtomicRateLimiter) limiter;
    this.limitForPeriod = limiter.getRateLimiterConfig().getLimitForPeriod();
    this.periodNanos = limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    if (meters != null) {
      String name = limiter.getName();
      Gauge.builder(NAMES.getAvailablePermissionsMetricName(), limiter, l -> l.getMetrics().getAvailablePermissions())
          .description("The number of available permissions").tag("name", name).register(meters);
      Gauge.builder(NAMES.getWaitingThreadsMetricName(), limiter, l -> l.getMetrics().getNumberOfWaitingThreads())
          .description("The number of waiting threads").tag("name", name).register(meters);
    }
  }

  String name() {
    return limiter.getName();
  }

  /** A permit, waiting at most the limiter's {@code timeoutDuration} for it. */
  boolean acquire() {
    return limiter.acquirePermission();
  }

  int limit() {
    return limitForPeriod;
  }

  /** Permits left in this period (0 when callers are already waiting for the next). */
  int remaining() {
    return Math.max(0, limiter.getMetrics().getAvailablePermissions());
  }

  /** Whole seconds until a permit is free again, at least 1: what {@code Retry-After} says. */
  long secondsToPermit() {
    long nanos = limiter.getDetailedMetrics().getNanosToWait();
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /** Whole seconds until the current period ends and the permits are renewed, at least 1. */
  long secondsToReset() {
    long nanos = limiter.getDetailedMetrics().getNanosToWait();
    long toCycleEnd = nanos > 0 ? nanos : periodNanos;
    return Math.max(1, (toCycleEnd + 999_999_999L) / 1_000_000_000L);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("limit_for_period", limitForPeriod);
    out.put("limit_refresh_period_ms", periodNanos / 1_000_000);
    out.put("available_permissions", limiter.getMetrics().getAvailablePermissions());
    out.put("waiting_threads", limiter.getMetrics().getNumberOfWaitingThreads());
    return out;
  }
}
