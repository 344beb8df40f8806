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
 * (a bucket of a {@code by} key has none: one gauge per client would be unbounded). A named limiter
 * is Resilience4j's {@code SemaphoreBasedRateLimiter}, whose permits a timer thread renews each
 * period: taking one is a semaphore's compare-and-set, with no clock read and nothing allocated, so
 * it suits a method's hot path. A bucket is its {@code AtomicRateLimiter}, which renews lazily on
 * the next call (a clock read and one small object per call) and so needs no timer task per client.
 */
final class MeteredLimiter {

  private static final RateLimiterMetricNames NAMES = RateLimiterMetricNames.ofDefaults();

  private final RateLimiter limiter;
  private final int limitForPeriod;
  private final long periodNanos;
  private final long created = System.nanoTime();

  MeteredLimiter(RateLimiter limiter, MeterRegistry meters) {
    this.limiter = limiter;
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
    return seconds(nanosToRenewal());
  }

  /** Whole seconds until the current period ends and the permits are renewed, at least 1. */
  long secondsToReset() {
    return seconds(nanosToRenewal());
  }

  /** Until the next period: Resilience4j's estimate for a bucket, the timer's schedule for a named one. */
  private long nanosToRenewal() {
    if (limiter instanceof AtomicRateLimiter atomic) {
      long nanos = atomic.getDetailedMetrics().getNanosToWait();
      return nanos > 0 ? nanos : periodNanos;
    }
    return periodNanos - Math.floorMod(System.nanoTime() - created, periodNanos);
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
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
