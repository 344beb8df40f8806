package io.kitagent.retry;

import io.github.resilience4j.micrometer.tagged.RetryMetricNames;
import io.kitagent.config.Level;
import io.kitagent.core.Call;
import io.kitagent.config.StatusSet;
import io.kitagent.core.Exchange;
import io.kitagent.core.ExceptionNames;
import io.kitagent.core.Outcome;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a failed call again, as Resilience4j's {@code Retry} would: an attempt that threw one of
 * {@code retryExceptions} (any exception when none are named) and none of {@code ignoreExceptions}
 * is tried again after {@code waitDuration} (times the backoff multiplier after each, spread by the
 * randomized wait factor), up to {@code maxAttempts} in all, while the budget allows. The breaker and
 * limiter sit inside it, so each attempt asks them: a retry never goes past an open breaker.
 * On an outgoing HTTP request an attempt failed when its answer is in {@code retryOnStatus} or its
 * connection failed ({@code IOException}); it is tried again only when its method is idempotent
 * (or {@code retryNonIdempotent}) and its library can send its body again.
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
  /** Answers retried on an outgoing request; null on a method. */
  private final StatusSet onStatus;

  RetryPolicy(String name, Retry config, EventLog log, MeterRegistry meters) {
    this.name = name;
    this.config = config;
    this.budget = config.budget().enabled()
        ? new RetryBudget(config.budget().ratio(), config.budget().minPerSecond()) : null;
    this.log = log;
    this.onStatus = config.retryOnStatus();
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
    if (call.attempt() >= config.maxAttempts() || !failed(call)
        || !(onStatus == null ? retryable(call.error()) : retryable((Exchange) call))) {
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

  /** A method threw; a request got an answer in {@code retryOnStatus}, or no answer. */
  private boolean failed(Call call) {
    if (onStatus != null && call.status() > 0) {
      return onStatus.contains(call.status());
    }
    return call.outcome() == Outcome.THREW;
  }

  /**
   * A request may be sent again when its method is idempotent (RFC 9110: a second one changes nothing
   * the first did not) or the user says so, its body can be replayed, and it failed with a retried
   * status or an {@code IOException}: not one the application caused by dropping, aborting or
   * cancelling the request or interrupting its thread, nor one {@code ignoreExceptions} names.
   */
  private boolean retryable(Exchange request) {
    if (!request.replayable() || !(config.retryNonIdempotent() || idempotent(request.method()))) {
      return false;
    }
    Throwable error = request.error();
    if (request.status() > 0 || error == null) {
      return true;
    }
    if (error == Exchange.ABANDONED || Thread.currentThread().isInterrupted() || aborted(error)
        || ExceptionNames.matches(error, config.ignoreExceptions())) {
      return false;
    }
    List<String> retry = config.retryExceptions();
    return retry.isEmpty() ? error instanceof IOException : ExceptionNames.matches(error, retry);
  }

  /** An aborted or cancelled request (Apache's {@code RequestAbortedException}); a timeout is not one. */
  private static boolean aborted(Throwable error) {
    return error instanceof java.io.InterruptedIOException && !(error instanceof java.net.SocketTimeoutException);
  }

  static boolean idempotent(String method) {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" -> true;
      default -> false;
    };
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
    if (call.outcome() == Outcome.RETURNED && (onStatus == null || !onStatus.contains(call.status()))) {
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
    if (call.status() > 0) {
      line.number("status", Integer.toString(call.status()));
    }
    if (wait >= 0) {
      line.number("wait_ms", Long.toString(wait / 1_000_000));
    } else {
      line.string("retry", "budget_exhausted");
    }
    log.write(line);
  }
}
