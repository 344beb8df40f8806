package com.example.bench;

import java.util.concurrent.TimeUnit;
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
}
