package io.kitagent.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import io.kitagent.config.OnReject;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Call;
import io.kitagent.core.Chain;
import io.kitagent.core.MethodCall;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
import io.kitagent.logging.EventLog;
import io.kitagent.logging.LoggingSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A breaker on a real chain, with Resilience4j's real state machine. */
class BreakerPolicyTest {

  private static final MethodSite SITE = new MethodSite("com.example.Orders", "place", new String[0], true, "void");

  @TempDir
  Path dir;

  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private EventLog log;
  private Breakers breakers;

  @BeforeEach
  void open() throws IOException {
    log = EventLog.open("orders", new LoggingSettings(Level.INFO, LogFormat.LOGFMT, dir.resolve("events.log").toString()));
    breakers = new Breakers(log, meters);
  }

  @AfterEach
  void close() {
    log.close();
  }

  private static Breaker config(int window, List<String> record, List<String> ignore) {
    return new Breaker(50, 100, Duration.ofSeconds(60), Breaker.WindowType.COUNT_BASED, window, window,
        Duration.ofSeconds(60), 2, false, Duration.ZERO, record, ignore, null, Breaker.Scope.SERVICE, null);
  }

  private BreakerPolicy policy(Breaker config) {
    MeteredBreaker breaker = breakers.get(SITE.name(), config, SITE.name(), null);
    return new BreakerPolicy(breaker, config, OnReject.defaultFor(RuleKind.METHOD));
  }

  /** One call through {@code chain}: true when it ran; it then throws {@code error} or returns. */
  private static boolean call(Chain chain, Throwable error) {
    MethodCall call = new MethodCall(SITE, chain);
    boolean ran = chain.before(call);
    if (!ran) {
      call.threw(null, new IllegalStateException("refused"));
    } else if (error != null) {
      call.threw(null, error);
    } else {
      call.returned(null, null);
    }
    chain.after(call);
    return ran;
  }

  private CircuitBreaker breaker() {
    return breakers.get(SITE.name(), null, null, null).breaker();
  }

  @Test
  void opensWhenTheFailureRateReachesTheThresholdAndThenRefuses() {
    Chain chain = Chain.of("test", List.of(policy(config(4, List.of(), List.of()))));
    call(chain, null);
    call(chain, null);
    call(chain, new IllegalStateException("down"));
    assertEquals(State.CLOSED, breaker().getState(), "3 calls: the window of 4 is not full yet");
    call(chain, new IllegalStateException("down"));

    assertEquals(State.OPEN, breaker().getState(), "2 failures of 4 is 50 %");
    assertFalse(call(chain, null), "an open breaker refuses");
    assertEquals(1, breaker().getMetrics().getNumberOfNotPermittedCalls());
  }

  @Test
  void ignoredExceptionsCountNeitherWayAndUnrecordedOnesCountAsSuccesses() {
    Chain chain = Chain.of("test", List.of(policy(config(2, List.of("java.io.IOException"),
        List.of("java.lang.IllegalArgumentException")))));
    call(chain, new IllegalArgumentException("a bad argument is the caller's fault"));
    call(chain, new NumberFormatException("a subclass of an ignored one"));
    assertEquals(0, breaker().getMetrics().getNumberOfBufferedCalls());

    call(chain, new IllegalStateException("not a recorded exception"));
    call(chain, new java.io.FileNotFoundException("a subclass of a recorded one"));
    assertEquals(1, breaker().getMetrics().getNumberOfSuccessfulCalls());
    assertEquals(1, breaker().getMetrics().getNumberOfFailedCalls());
  }

  @Test
  void aCallRefusedInsideGivesItsHalfOpenPermitBackSoTheBreakerNeverStaysStuck() {
    Refusing inner = new Refusing();
    Chain chain = Chain.of("test", List.of(policy(config(2, List.of(), List.of())), inner));
    breaker().transitionToOpenState();
    breaker().transitionToHalfOpenState();

    inner.refuse = true;
    for (int i = 0; i < 5; i++) {
      assertFalse(call(chain, null));
    }
    assertEquals(State.HALF_OPEN, breaker().getState());
    assertEquals(0, breaker().getMetrics().getNumberOfNotPermittedCalls(),
        "the two trial permits came back each time");

    inner.refuse = false;
    assertTrue(call(chain, null));
    assertTrue(call(chain, null));
    assertEquals(State.CLOSED, breaker().getState(), "two successful trials close it");
  }

  @Test
  void aHalfOpenBreakerWhoseTrialNeverEndsOpensAgainAfterItsMaximumWait() throws Exception {
    Breaker config = new Breaker(50, 100, Duration.ofSeconds(60), Breaker.WindowType.COUNT_BASED, 2, 2,
        Duration.ofMillis(100), 1, true, Duration.ofMillis(200), List.of(), List.of(), null, Breaker.Scope.SERVICE,
        null);
    Chain chain = Chain.of("test", List.of(policy(config)));
    call(chain, new IllegalStateException("down"));
    call(chain, new IllegalStateException("down"));
    assertEquals(State.OPEN, breaker().getState());

    await(State.HALF_OPEN, "moves to half-open on its own after 100 ms");
    MethodCall trial = new MethodCall(SITE, chain);
    assertTrue(chain.before(trial), "the one trial call is let through");
    assertFalse(chain.before(new MethodCall(SITE, chain)), "and no other");
    // the trial hangs (Resilience4j issue 935): it never ends
    await(State.OPEN, "opens again once the half-open state lasted 200 ms");
    awaitEvent("from=HALF_OPEN to=OPEN", "the move is logged when it happens, with no call to see it");
  }

  private void awaitEvent(String text, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.readString(dir.resolve("events.log")).contains(text) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000); // between polls of the condition, not instead of one
    }
    assertTrue(Files.readString(dir.resolve("events.log")).contains(text), what);
  }

  private void await(State state, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (breaker().getState() != state && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000); // between polls of the condition, not instead of one
    }
    assertEquals(state, breaker().getState(), what);
  }

  @Test
  void failedTrialsOpenItAgain() {
    Chain chain = Chain.of("test", List.of(policy(config(2, List.of(), List.of()))));
    breaker().transitionToOpenState();
    breaker().transitionToHalfOpenState();

    call(chain, new IllegalStateException("still down"));
    call(chain, new IllegalStateException("still down"));

    assertEquals(State.OPEN, breaker().getState());
  }

  @Test
  void eachStateChangeIsOneLogEventAndTheMetersUseResilience4jsNames() throws IOException {
    Chain chain = Chain.of("test", List.of(policy(config(2, List.of(), List.of()))));
    call(chain, new IllegalStateException("down"));
    call(chain, new IllegalStateException("down"));
    call(chain, null);
    call(chain, null);
    log.close();

    List<String> events = Files.readAllLines(dir.resolve("events.log"));
    assertEquals(1, events.size(), events.toString());
    assertTrue(events.get(0).contains("level=warn service=orders event=breaker breaker=com.example.Orders#place "
        + "from=CLOSED to=OPEN failure_rate=100.0"), events.get(0));

    String scrape = meters.scrape();
    assertTrue(scrape.contains("resilience4j_circuitbreaker_state{name=\"com.example.Orders#place\",state=\"open\"} 1"),
        scrape);
    assertTrue(scrape.contains("resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\","
        + "name=\"com.example.Orders#place\"} 2"), scrape);
    assertTrue(scrape.contains("resilience4j_circuitbreaker_not_permitted_calls_total{kind=\"not_permitted\","
        + "name=\"com.example.Orders#place\"} 2"), scrape);
  }

  @Test
  void healthReportsAnOpenBreakerAsDegradedNotDown() {
    policy(config(2, List.of(), List.of()));
    breaker().transitionToOpenState();

    var status = breakers.health(false);
    assertTrue(status.up());
    assertNotNull(status.details().get("breakers"));
    assertTrue(status.details().toString().contains("state=OPEN, status=DEGRADED"), status.details().toString());
    assertFalse(breakers.health(true).up(), "downWhenOpen");
  }

  /** A policy inside the breaker that refuses while told to. */
  private static final class Refusing implements Policy {
    boolean refuse;

    @Override
    public boolean mayRefuse() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      return refuse ? new Refusal("limiter", "no permit", null) : null;
    }
  }

}
