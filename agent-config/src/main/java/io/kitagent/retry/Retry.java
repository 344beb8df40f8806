package io.kitagent.retry;

import io.kitagent.config.Durations;
import io.kitagent.config.Fields;
import io.kitagent.config.RuleKind;
import io.kitagent.config.RuleWord;
import io.kitagent.config.StatusSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code retry:} of a rule, with Resilience4j's keys and defaults: up to {@code maxAttempts} attempts
 * in all, {@code waitDuration} apart (times {@code exponentialBackoffMultiplier} after each, spread by
 * {@code randomizedWaitFactor}), for the exceptions {@code retryExceptions} names (all by default)
 * and not {@code ignoreExceptions}. A budget bounds the retries to a share of the calls, as Finagle's
 * and Envoy's do, so that retries never multiply an outage. On HTTP requests, {@code retryOnStatus}
 * says which answers are retried besides a failed connection; only idempotent methods are, unless
 * {@code retryNonIdempotent}. {@code retryOnStatus} is null on a method rule.
 */
public record Retry(
    int maxAttempts,
    Duration waitDuration,
    double exponentialBackoffMultiplier,
    Duration exponentialMaxWaitDuration,
    double randomizedWaitFactor,
    List<String> retryExceptions,
    List<String> ignoreExceptions,
    Budget budget,
    StatusSet retryOnStatus,
    boolean retryNonIdempotent) {

  public static final String KEY = "retry";
  /** The longest wait between attempts unless {@code exponentialMaxWaitDuration} says otherwise: a retry holds the caller's thread. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
  /** Answers that say the request did not reach a working instance: a gateway's and an overloaded server's. */
  public static final StatusSet DEFAULT_RETRY_ON_STATUS = StatusSet.of("502", "503", "504");

  /** At most {@code ratio} retries per call plus {@code minPerSecond} a second, over the last 10 seconds. */
  public record Budget(double ratio, int minPerSecond) {
    public static final Budget DEFAULT = new Budget(0.2, 3);
    public static final Budget NONE = new Budget(-1, 0);

    public boolean enabled() {
      return ratio >= 0;
    }
  }

  public Retry {
    retryExceptions = List.copyOf(retryExceptions);
    ignoreExceptions = List.copyOf(ignoreExceptions);
  }

  /** On methods and outgoing requests; an incoming request cannot be sent again by its server. */
  public static final RuleWord<Retry> WORD = RuleWord.of(KEY, kind -> kind == RuleKind.METHOD || kind.client(),
      Retry::read, Retry::describe);

  static Retry read(Fields rule, RuleKind kind) {
    Fields f = rule.toggleOrSection(KEY);
    if (f == null) {
      return null;
    }
    int attempts = f.integer("maxAttempts", 3, 1, 100);
    Duration wait = f.durationOrZero("waitDuration", Duration.ofMillis(500));
    double multiplier = f.decimal("exponentialBackoffMultiplier", 1, 1, 100);
    Duration maxWait = f.duration("exponentialMaxWaitDuration", DEFAULT_MAX_WAIT);
    if (wait.compareTo(maxWait) > 0) {
      f.problems().add(f.node("waitDuration"), f.path("waitDuration"), "is longer than exponentialMaxWaitDuration ("
          + Durations.format(maxWait) + "), which bounds every wait");
    }
    double jitter = f.decimal("randomizedWaitFactor", 0, 0, 0.99);
    List<String> retry = f.classNames("retryExceptions");
    List<String> ignore = f.classNames("ignoreExceptions");
    Budget budget = budget(f);
    StatusSet onStatus = null;
    boolean nonIdempotent = false;
    if (kind.client()) {
      onStatus = StatusSet.read(f, "retryOnStatus", DEFAULT_RETRY_ON_STATUS);
      nonIdempotent = f.bool("retryNonIdempotent", false);
    }
    f.done();
    return new Retry(attempts, wait, multiplier, maxWait, jitter, retry, ignore, budget, onStatus,
        nonIdempotent);
  }

  private static Budget budget(Fields f) {
    Fields b = f.toggleOrSection("budget");
    if (b == null) {
      return f.written("budget") ? Budget.NONE : Budget.DEFAULT;
    }
    double ratio = b.decimal("ratio", Budget.DEFAULT.ratio(), 0, 10);
    int minPerSecond = b.integer("minPerSecond", Budget.DEFAULT.minPerSecond(), 0, 1_000_000);
    b.done();
    return new Budget(ratio, minPerSecond);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("maxAttempts", maxAttempts);
    out.put("waitDuration", waitDuration.isZero() ? "0" : Durations.format(waitDuration));
    out.put("exponentialBackoffMultiplier", exponentialBackoffMultiplier);
    out.put("exponentialMaxWaitDuration", Durations.format(exponentialMaxWaitDuration));
    out.put("randomizedWaitFactor", randomizedWaitFactor);
    out.put("retryExceptions", retryExceptions);
    out.put("ignoreExceptions", ignoreExceptions);
    out.put("budget", budget.enabled()
        ? Map.of("ratio", budget.ratio(), "minPerSecond", budget.minPerSecond()) : false);
    if (retryOnStatus != null) {
      out.put("retryOnStatus", retryOnStatus.items());
      out.put("retryNonIdempotent", retryNonIdempotent);
    }
    return out;
  }
}
