package io.kitagent.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames;
import io.kitagent.config.Level;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One Resilience4j circuit breaker with its meters, under resilience4j-micrometer's names and tags
 * so that its dashboards work, and its state changes logged. The calls are recorded here rather than
 * through the breaker's event publisher: with any event consumer registered, Resilience4j builds an
 * event object for every call. A state change is seen instead after each call that may cause one
 * (and, for the automatic move to half-open, by {@link Breakers}'s timer), and logged once.
 */
final class MeteredBreaker {

  private static final CircuitBreakerMetricNames NAMES = CircuitBreakerMetricNames.ofDefaults();
  private static final AtomicReferenceFieldUpdater<MeteredBreaker, State> SEEN =
      AtomicReferenceFieldUpdater.newUpdater(MeteredBreaker.class, State.class, "seen");

  private final CircuitBreaker breaker;
  private final String service;
  private final String instance;
  private final EventLog log;
  private final Breakers owner;
  private final Timer successful;
  private final Timer failed;
  private final Timer ignored;
  private final Counter notPermitted;
  private volatile State seen = State.CLOSED;

  /** {@code instance} is null unless the breaker guards one address of {@code service}. */
  MeteredBreaker(CircuitBreaker breaker, String service, String instance, EventLog log, MeterRegistry meters,
      Breakers owner) {
    this.breaker = breaker;
    this.service = service;
    this.instance = instance;
    this.log = log;
    this.owner = owner;
    String name = breaker.getName();
    if (meters == null) {
      successful = failed = ignored = null;
      notPermitted = null;
      return;
    }
    for (State state : State.values()) {
      Gauge.builder(NAMES.getStateMetricName(), breaker, b -> b.getState() == state ? 1 : 0)
          .description("The states of the circuit breaker")
          .tags("name", name, "state", state.name().toLowerCase(Locale.ROOT)).register(meters);
    }
    Gauge.builder(NAMES.getBufferedCallsMetricName(), breaker, b -> b.getMetrics().getNumberOfFailedCalls())
        .description("The number of buffered failed calls stored in the ring buffer")
        .tags("name", name, "kind", "failed").register(meters);
    Gauge.builder(NAMES.getBufferedCallsMetricName(), breaker, b -> b.getMetrics().getNumberOfSuccessfulCalls())
        .description("The number of buffered successful calls stored in the ring buffer")
        .tags("name", name, "kind", "successful").register(meters);
    Gauge.builder(NAMES.getSlowCallsMetricName(), breaker, b -> b.getMetrics().getNumberOfSlowSuccessfulCalls())
        .description("The number of slow successful which were slower than a certain threshold")
        .tags("name", name, "kind", "successful").register(meters);
    Gauge.builder(NAMES.getSlowCallsMetricName(), breaker, b -> b.getMetrics().getNumberOfSlowFailedCalls())
        .description("The number of slow failed calls which were slower than a certain threshold")
        .tags("name", name, "kind", "failed").register(meters);
    Gauge.builder(NAMES.getFailureRateMetricName(), breaker, b -> b.getMetrics().getFailureRate())
        .description("The failure rate of the circuit breaker").tags("name", name).register(meters);
    Gauge.builder(NAMES.getSlowCallRateMetricName(), breaker, b -> b.getMetrics().getSlowCallRate())
        .description("The slow call of the circuit breaker").tags("name", name).register(meters);
    successful = timer(meters, name, "successful", "Total number of successful calls");
    failed = timer(meters, name, "failed", "Total number of failed calls");
    ignored = timer(meters, name, "ignored", "Total number of calls which failed but the exception was ignored");
    notPermitted = Counter.builder(NAMES.getNotPermittedCallsMetricName())
        .description("Total number of not permitted calls")
        .tags("name", name, "kind", "not_permitted").register(meters);
  }

  private static Timer timer(MeterRegistry meters, String name, String kind, String description) {
    return Timer.builder(NAMES.getCallsMetricName()).description(description)
        .tags("name", name, "kind", kind).register(meters);
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  String instance() {
    return instance;
  }

  /** A permission for one call, or false (counted) when the breaker does not let it through. */
  boolean tryAcquire() {
    if (breaker.tryAcquirePermission()) {
      observe();
      return true;
    }
    if (notPermitted != null) {
      notPermitted.increment();
    }
    observe();
    return false;
  }

  void succeeded(long nanos) {
    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    record(successful, nanos);
    observe();
  }

  void failed(long nanos, Throwable error) {
    breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
    record(failed, nanos);
    observe();
  }

  /** An ignored exception, or a call refused inside this breaker: the permission goes back unused. */
  void released(long nanos, boolean counted) {
    breaker.releasePermission();
    if (counted) {
      record(ignored, nanos);
    }
  }

  private static void record(Timer timer, long nanos) {
    if (timer != null && nanos >= 0) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Logs a state change once, whichever thread sees it first. */
  void observe() {
    State now = breaker.getState();
    State was = seen;
    if (now != was && SEEN.compareAndSet(this, was, now)) {
      changed(was, now);
    }
  }

  private void changed(State from, State to) {
    if (log != null) {
      Level level = to == State.OPEN || to == State.FORCED_OPEN ? Level.WARN : Level.INFO;
      if (log.enabled(level)) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        EventLine line = log.begin(level).string("event", "breaker").string("breaker", service);
        if (instance != null) {
          line.string("instance", instance);
        }
        line.string("from", from.name()).string("to", to.name())
            .number("failure_rate", rate(metrics.getFailureRate()))
            .number("slow_call_rate", rate(metrics.getSlowCallRate()))
            .number("buffered_calls", Integer.toString(metrics.getNumberOfBufferedCalls()));
        log.write(line);
      }
    }
    owner.watch(this, to);
  }

  /** Resilience4j's rate, or -1 before the minimum number of calls: written as it gives it. */
  private static String rate(float rate) {
    return rate < 0 ? "-1" : Float.toString(rate);
  }
}
