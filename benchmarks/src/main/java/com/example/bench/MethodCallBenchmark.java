package com.example.bench;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call cost of a woven method against the same method unwoven. Run under the agent with
 * {@code benchmarks/bench.yaml} (scripts/bench-methods passes -javaagent to every fork).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MethodCallBenchmark {

  private final Work work = new Work();
  private int x;

  /** The floor of any timing policy: a woven call reads the clock on entry and on exit. */
  @Benchmark
  public long twoClockReads() {
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }

  @Benchmark
  public int unwoven() {
    return work.plain(x++);
  }

  @Benchmark
  public int wovenWithMetrics() {
    return work.metered(x++);
  }

  @Benchmark
  public int wovenWithLoggingBelowTheLevel() {
    return work.loggedBelowLevel(x++);
  }

  @Benchmark
  public int wovenWithMetricsAndLoggingBelowTheLevel() {
    return work.meteredAndLoggedBelowLevel(x++);
  }

  /** The guarded advice and a fault policy that admits every call, over {@link #wovenWithMetrics}. */
  @Benchmark
  public int wovenWithMetricsAndFaultAtZeroPercent() {
    return work.meteredWithFaultAtZero(x++);
  }

  /** A closed circuit breaker that admits every call (guarded advice, one permission, two clock reads). */
  @Benchmark
  public int wovenWithBreaker() {
    return work.guardedByBreaker(x++);
  }

  @Benchmark
  public int wovenWithBreakerAndLimiter() {
    return work.guardedByBreakerAndLimiter(x++);
  }

  /** The goal: breaker, limiter and metrics that admit the call add at most 100 ns. */
  @Benchmark
  public int wovenWithMetricsBreakerAndLimiter() {
    return work.meteredAndGuardedByBreakerAndLimiter(x++);
  }

  /** Resilience4j called directly, as an application written against it would, in the same run. */
  @Benchmark
  public int resilience4jBreakerDecorateSupplier(Resilience4jState r4j) {
    return r4j.breakerOnly.get();
  }

  @Benchmark
  public int resilience4jBreakerAndLimiterDecorateSupplier(Resilience4jState r4j) {
    return r4j.breakerAndLimiter.get();
  }

  /** The bare permission check and record, without Resilience4j's decorators and their clock reads. */
  @Benchmark
  public int resilience4jBarePermission(Resilience4jState r4j) {
    if (!r4j.breaker.tryAcquirePermission()) {
      return -1;
    }
    int result = work.plain(x++);
    r4j.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    return result;
  }

  /** Resilience4j's own objects, unshaded, on the benchmark's class path (the agent's are relocated). */
  @State(Scope.Thread)
  public static class Resilience4jState {
    final CircuitBreaker breaker = CircuitBreaker.ofDefaults("direct");
    final RateLimiter limiter = RateLimiter.of("direct", RateLimiterConfig.custom()
        .limitForPeriod(1_000_000_000).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO)
        .build());
    private final Work work = new Work();
    private int x;
    final Supplier<Integer> breakerOnly =
        CircuitBreaker.decorateSupplier(CircuitBreaker.ofDefaults("direct-only"), () -> work.plain(x++));
    final Supplier<Integer> breakerAndLimiter =
        RateLimiter.decorateSupplier(limiter, CircuitBreaker.decorateSupplier(breaker, () -> work.plain(x++)));
  }
}
