package io.kitagent.retry;

import io.github.resilience4j.micrometer.tagged.RetryMetricNames;
import io.kitagent.config.Level;
import io.kitagent.core.Call;
import io.kitagent.core.ExceptionNames;
import io.kitagent.core.Outcome;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a failed call again, as Resilience4j's {@code Retry} would: an attempt that threw one of
 * {@code retryExceptions} (any exception when none are named) and none of {@code ignoreExceptions}
 * is tried again after {@code waitDuration} (times the backoff multiplier after each, spread by the
 * randomized wait factor), up to {@code maxAttempts} in all, while the budget allows. The breaker and
 * limiter sit inside it, so each attempt asks them: a retry never goes past an open breaker.
 * Counted in resilience4j-micrometer's {@code resilience4j_retry_calls_total{name, kind}}.
 */
final class RetryPolicy implements Policy {

  private static final RetryMetricNames NAMES = RetryMetricNames.ofDefaults();

  private final String name;
  private final Retry config;
  private final RetryBudget budget;
  private final EventLog log;
  private final long waitNanos;
  private final long maxWaitNanos;
  private final Counter successfulWithout;
  private final Counter successfulWith;
  private final Counter failedWithout;
  private final Counter failedWith;
  private final Counter budgetExhausted;

  RetryPolicy(String name, Retry config, EventLog log, MeterRegistry meters) {
    this.name = name;
    this.config = config;
    this.budget = config.budget().enabled()
        ? new RetryBudget(config.budget().ratio(), config.budget().minPerSecond()) : null;
    this.log = log;
    this.waitNanos = config.waitDuration().toNanos();
    this.maxWaitNanos = config.exponentialMaxWaitDuration().toNanos();
    this.successfulWithout = counter(meters, "successful_without_retry", "successful calls without a retry");
    this.successfulWith = counter(meters, "successful_with_retry", "successful calls after a retry");
    this.failedWithout = counter(meters, "failed_without_retry", "failed calls without a retry");
    this.failedWith = counter(meters, "failed_with_retry", "failed calls after all retries");
    this.budgetExhausted = meters == null ? null : Counter.builder("kit.retry.budget.exhausted")
        .description("retries not made because the retry budget was spent").tag("name", name).register(meters);
  }

  private Counter counter(MeterRegistry meters, String kind, String description) {
    return meters == null ? null : Counter.builder(NAMES.getCallsMetricName()).description("The number of " + description)
        .tags("name", name, "kind", kind).register(meters);
  }

  @Override
  public boolean retries() {
    return true;
  }

  @Override
  public boolean hasBefore() {
    return budget != null;
  }

  @Override
  public Refusal before(Call call) {
    budget.deposit(System.nanoTime());
    return null;
  }

  @Override
  public long retryWait(Call call) {
    if (call.outcome() != Outcome.THREW || call.attempt() >= config.maxAttempts() || !retryable(call.error())) {
      return -1;
    }
    if (budget != null && !budget.withdraw(System.nanoTime())) {
      increment(budgetExhausted);
      logRetry(Level.WARN, call, -1);
      return -1;
    }
    long wait = waitFor(call.attempt());
    logRetry(Level.DEBUG, call, wait);
    return wait;
  }

  /**
   * Named in {@code retryExceptions} (any exception when none are) and not in {@code ignoreExceptions}.
   * Without a name, an {@code Error} (out of memory, a stack overflow, a class that cannot link) and an
   * interrupt (a cancelled task) are never retried.
   */
  private boolean retryable(Throwable error) {
    List<String> retry = config.retryExceptions();
    if (ExceptionNames.matches(error, config.ignoreExceptions())) {
      return false;
    }
    if (!retry.isEmpty()) {
      return ExceptionNames.matches(error, retry);
    }
    return !(error instanceof Error || error instanceof InterruptedException
        || error instanceof java.io.InterruptedIOException);
  }

  /** The wait before attempt {@code failed + 1}: Resilience4j's exponential and randomized interval. */
  long waitFor(int failed) {
    double wait = waitNanos * Math.pow(config.exponentialBackoffMultiplier(), failed - 1);
    double factor = config.randomizedWaitFactor();
    if (factor > 0) {
      double delta = factor * wait;
      wait = wait - delta + ThreadLocalRandom.current().nextDouble() * (2 * delta);
    }
    return (long) Math.min(wait, maxWaitNanos);
  }

  @Override
  public void after(Call call) {
    boolean retried = call.attempt() > 1;
    if (call.outcome() == Outcome.RETURNED) {
      increment(retried ? successfulWith : successfulWithout);
    } else {
      increment(retried ? failedWith : failedWithout);
    }
  }

  private static void increment(Counter counter) {
    if (counter != null) {
      counter.increment();
    }
  }

  /** One event per retry, at debug; a retry the budget did not allow is a warning. */
  private void logRetry(Level level, Call call, long wait) {
    if (log == null || !log.enabled(level)) {
      return;
    }
    EventLine line = log.begin(level).string("event", "retry").string("site", name)
        .number("attempt", Integer.toString(call.attempt()))
        .string("exception", call.error() == null ? "none" : call.error().getClass().getName());
    if (wait >= 0) {
      line.number("wait_ms", Long.toString(wait / 1_000_000));
    } else {
      line.string("retry", "budget_exhausted");
    }
    log.write(line);
  }
}
