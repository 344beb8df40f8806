package io.kitagent.breaker;

import io.kitagent.config.Durations;
import io.kitagent.config.Fields;
import io.kitagent.config.OnReject;
import io.kitagent.config.RuleKind;
import io.kitagent.config.RuleWord;
import io.kitagent.config.StatusSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code breaker:} of a rule, a Resilience4j circuit breaker with its keys and defaults
 * ({@code true} takes every default). For HTTP, {@code failureStatus} says which responses count as
 * failures (a connection error or timeout always does); on a service, {@code scope: instance} gives
 * each address its own breaker, as Envoy's outlier detection does.
 */
public record Breaker(
    float failureRateThreshold,
    float slowCallRateThreshold,
    Duration slowCallDurationThreshold,
    WindowType slidingWindowType,
    int slidingWindowSize,
    int minimumNumberOfCalls,
    Duration waitDurationInOpenState,
    int permittedNumberOfCallsInHalfOpenState,
    boolean automaticTransitionFromOpenToHalfOpenEnabled,
    Duration maxWaitDurationInHalfOpenState,
    List<String> recordExceptions,
    List<String> ignoreExceptions,
    StatusSet failureStatus,
    Scope scope,
    OnReject onReject) {

  public static final String KEY = "breaker";

  /** Resilience4j's {@code SlidingWindowType}. */
  public enum WindowType { COUNT_BASED, TIME_BASED }

  /** One breaker for the whole service, or one per address. */
  public enum Scope { SERVICE, INSTANCE }

  public static final StatusSet DEFAULT_FAILURE_STATUS = StatusSet.of("5xx");

  public Breaker {
    recordExceptions = List.copyOf(recordExceptions);
    ignoreExceptions = List.copyOf(ignoreExceptions);
  }

  public static final RuleWord<Breaker> WORD = RuleWord.of(KEY, kind -> kind != RuleKind.HTTP_SERVER, Breaker::read,
      Breaker::describe);

  static Breaker read(Fields rule, RuleKind kind) {
    Fields f = rule.toggleOrSection(KEY);
    if (f == null) {
      return null;
    }
    float failureRate = (float) f.decimal("failureRateThreshold", 50, 0.001, 100);
    float slowRate = (float) f.decimal("slowCallRateThreshold", 100, 0.001, 100);
    Duration slow = f.duration("slowCallDurationThreshold", Duration.ofSeconds(60));
    WindowType type = f.oneOf("slidingWindowType", WindowType.class, WindowType.COUNT_BASED);
    int window = f.integer("slidingWindowSize", 100, 1, 1_000_000);
    int minimum = f.integer("minimumNumberOfCalls", 100, 1, 1_000_000);
    Duration open = f.duration("waitDurationInOpenState", Duration.ofSeconds(60));
    int halfOpen = f.integer("permittedNumberOfCallsInHalfOpenState", 10, 1, 1_000_000);
    boolean automatic = f.bool("automaticTransitionFromOpenToHalfOpenEnabled", false);
    Duration halfOpenWait = f.durationOrZero("maxWaitDurationInHalfOpenState", Duration.ZERO);
    // on HTTP, failureStatus decides instead: an exception there is always a failed request
    List<String> record = kind == RuleKind.METHOD ? f.classNames("recordExceptions") : List.of();
    List<String> ignore = kind == RuleKind.METHOD ? f.classNames("ignoreExceptions") : List.of();
    StatusSet failureStatus = null;
    Scope scope = Scope.SERVICE;
    if (kind.client()) {
      failureStatus = StatusSet.read(f, "failureStatus", DEFAULT_FAILURE_STATUS);
    }
    if (kind == RuleKind.SERVICE) {
      scope = f.oneOf("scope", Scope.class, Scope.SERVICE);
    }
    OnReject onReject = OnReject.read(f, kind);
    f.done();
    return new Breaker(failureRate, slowRate, slow, type, window, minimum, open, halfOpen, automatic,
        halfOpenWait, record, ignore, failureStatus, scope, onReject);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("failureRateThreshold", failureRateThreshold);
    out.put("slowCallRateThreshold", slowCallRateThreshold);
    out.put("slowCallDurationThreshold", Durations.format(slowCallDurationThreshold));
    out.put("slidingWindowType", slidingWindowType.name());
    out.put("slidingWindowSize", slidingWindowSize);
    out.put("minimumNumberOfCalls", minimumNumberOfCalls);
    out.put("waitDurationInOpenState", Durations.format(waitDurationInOpenState));
    out.put("permittedNumberOfCallsInHalfOpenState", permittedNumberOfCallsInHalfOpenState);
    out.put("automaticTransitionFromOpenToHalfOpenEnabled", automaticTransitionFromOpenToHalfOpenEnabled);
    out.put("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState.isZero() ? "0"
        : Durations.format(maxWaitDurationInHalfOpenState));
    out.put("recordExceptions", recordExceptions);
    out.put("ignoreExceptions", ignoreExceptions);
    if (failureStatus != null) {
      out.put("failureStatus", failureStatus.items());
      out.put("scope", Fields.word(scope));
    }
    if (onReject != null) {
      out.put(OnReject.KEY, OnReject.WORD.describe(onReject));
    }
    return out;
  }
}
