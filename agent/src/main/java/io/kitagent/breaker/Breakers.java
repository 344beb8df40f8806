package io.kitagent.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.kitagent.admin.Health;
import io.kitagent.breaker.Breaker.WindowType;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every circuit breaker of this agent, by name, in one Resilience4j registry: for {@code /health},
 * the admin endpoint, and the timer that notices a breaker's own move from open to half-open.
 */
final class Breakers {

  private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
  private final Map<String, MeteredBreaker> byName = new ConcurrentHashMap<>();
  private final EventLog log;
  private final MeterRegistry meters;
  private volatile ScheduledExecutorService timer;

  Breakers(EventLog log, MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
  }

  /**
   * The breaker called {@code name}, made from {@code config} the first time. {@code service} and
   * {@code instance} are what its log events say it guards.
   */
  MeteredBreaker get(String name, Breaker config, String service, String instance) {
    return byName.computeIfAbsent(name, key -> new MeteredBreaker(
        registry.circuitBreaker(key, resilience4j(config)), service, instance, log, meters, this));
  }

  /** Resilience4j's config from ours; failures are classified by the policy, so its predicates keep their defaults. */
  static CircuitBreakerConfig resilience4j(Breaker config) {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(config.failureRateThreshold())
        .slowCallRateThreshold(config.slowCallRateThreshold())
        .slowCallDurationThreshold(config.slowCallDurationThreshold())
        .slidingWindowType(config.slidingWindowType() == WindowType.TIME_BASED
            ? CircuitBreakerConfig.SlidingWindowType.TIME_BASED : CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(config.slidingWindowSize())
        .minimumNumberOfCalls(config.minimumNumberOfCalls())
        .waitDurationInOpenState(config.waitDurationInOpenState())
        .permittedNumberOfCallsInHalfOpenState(config.permittedNumberOfCallsInHalfOpenState())
        .automaticTransitionFromOpenToHalfOpenEnabled(config.automaticTransitionFromOpenToHalfOpenEnabled())
        .maxWaitDurationInHalfOpenState(config.maxWaitDurationInHalfOpenState())
        .build();
  }

  /**
   * Resilience4j moves a breaker on its own timer: from open to half-open after the wait (with
   * {@code automaticTransitionFromOpenToHalfOpenEnabled}), and from a half-open state that lasted
   * {@code maxWaitDurationInHalfOpenState} back to open, so that trial calls that never end cannot
   * keep it half-open (its issue 935). The breaker is looked at again just after such a move is due,
   * so that the move is logged when it happens, not at the next call.
   */
  void watch(MeteredBreaker breaker, CircuitBreaker.State entered) {
    CircuitBreakerConfig config = breaker.breaker().getCircuitBreakerConfig();
    long dueMillis;
    if (entered == CircuitBreaker.State.OPEN && config.isAutomaticTransitionFromOpenToHalfOpenEnabled()) {
      dueMillis = config.getWaitIntervalFunctionInOpenState().apply(1);
    } else if (entered == CircuitBreaker.State.HALF_OPEN && !config.getMaxWaitDurationInHalfOpenState().isZero()) {
      dueMillis = config.getMaxWaitDurationInHalfOpenState().toMillis();
    } else {
      return;
    }
    timer().schedule(breaker::observe, dueMillis + 50, TimeUnit.MILLISECONDS);
  }

  private ScheduledExecutorService timer() {
    ScheduledExecutorService current = timer;
    if (current == null) {
      synchronized (this) {
        if (timer == null) {
          timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kit-agent-breakers");
            thread.setDaemon(true);
            return thread;
          });
        }
        current = timer;
      }
    }
    return current;
  }

  /** {@code {"inventory": {"state": "OPEN", "status": "DEGRADED", ...}}}, by name. */
  Map<String, Object> states() {
    Map<String, Object> out = new TreeMap<>();
    byName.values().forEach(breaker -> {
      breaker.observe();
      out.put(breaker.breaker().getName(), describe(breaker.breaker()));
    });
    return out;
  }

  /** Whether some breaker is open now (not half-open: that one lets trial calls through). */
  boolean anyOpen() {
    return byName.values().stream().anyMatch(b -> b.breaker().getState() == CircuitBreaker.State.OPEN
        || b.breaker().getState() == CircuitBreaker.State.FORCED_OPEN);
  }

  int size() {
    return byName.size();
  }

  static Map<String, Object> describe(CircuitBreaker breaker) {
    CircuitBreaker.State state = breaker.getState();
    CircuitBreaker.Metrics metrics = breaker.getMetrics();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", state.name());
    out.put("status", state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
        ? "DEGRADED" : "UP");
    out.put("failure_rate", metrics.getFailureRate());
    out.put("slow_call_rate", metrics.getSlowCallRate());
    out.put("buffered_calls", metrics.getNumberOfBufferedCalls());
    out.put("failed_calls", metrics.getNumberOfFailedCalls());
    out.put("slow_calls", metrics.getNumberOfSlowCalls());
    out.put("not_permitted_calls", metrics.getNumberOfNotPermittedCalls());
    return out;
  }

  Health.Status health(boolean downWhenOpen) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("breakers", states());
    return downWhenOpen && anyOpen() ? Health.Status.down(details) : Health.Status.up(details);
  }
}
