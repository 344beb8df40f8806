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
   * A breaker that just opened and moves to half-open on its own (Resilience4j's timer): looked at
   * again just after its wait, so that the move is logged when it happens, not at the next call.
   */
  void watchOpen(MeteredBreaker breaker) {
    CircuitBreakerConfig config = breaker.breaker().getCircuitBreakerConfig();
    if (!config.isAutomaticTransitionFromOpenToHalfOpenEnabled()) {
      return;
    }
    long waitMillis = config.getWaitIntervalFunctionInOpenState().apply(1);
    timer().schedule(breaker::observe, waitMillis + 50, TimeUnit.MILLISECONDS);
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
