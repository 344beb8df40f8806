package io.kitagent.limiter;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.SemaphoreBasedRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every named rate limiter of this agent, for its meters and the admin endpoint, with the one daemon
 * thread that renews their permits (Resilience4j would start a thread per limiter, not a daemon).
 */
final class Limiters {

  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "kit-agent-limiters");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, MeteredLimiter> byName = new ConcurrentHashMap<>();
  private final Map<String, Buckets> bucketed = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  Limiters(MeterRegistry meters) {
    this.meters = meters;
  }

  /** The limiter called {@code name}, made from {@code config} the first time, with its gauges. */
  MeteredLimiter get(String name, Limiter config) {
    return byName.computeIfAbsent(name, key -> new MeteredLimiter(
        new SemaphoreBasedRateLimiter(key, resilience4j(config), renewals), meters));
  }

  /** Buckets of one {@code by} key, listed under {@code name} by the admin endpoint; no gauges per bucket. */
  Buckets buckets(String name, Limiter config) {
    return bucketed.computeIfAbsent(name, key -> new Buckets(key, resilience4j(config), config.maxBuckets()));
  }

  static RateLimiterConfig resilience4j(Limiter config) {
    return RateLimiterConfig.custom()
        .limitForPeriod(config.limitForPeriod())
        .limitRefreshPeriod(config.limitRefreshPeriod())
        .timeoutDuration(config.timeoutDuration())
        .build();
  }

  /** Each limiter by name: its limit and the permits left; bucketed ones with their number of buckets. */
  Map<String, Object> states() {
    Map<String, Object> out = new TreeMap<>();
    byName.values().forEach(limiter -> out.put(limiter.name(), limiter.describe()));
    bucketed.values().forEach(buckets -> out.put(buckets.name(), buckets.describe()));
    return out;
  }

  /** A bucket, made for one key without registering it: a client's bucket is not a limiter of its own. */
  static MeteredLimiter bucket(String name, RateLimiterConfig config) {
    return new MeteredLimiter(RateLimiter.of(name, config), null);
  }
}
