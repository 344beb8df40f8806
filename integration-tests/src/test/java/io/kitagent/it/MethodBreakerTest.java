package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code breaker:} on a method of the orders app, under the built agent: it opens after its window
 * of failures, refuses without running the method, lets a trial through after its wait, and closes on
 * its success; each change is one log event, and the state is in {@code /metrics} and {@code /health}.
 */
class MethodBreakerTest {

  private static final String SITE = "com.example.orders.OrderService#placeOrder";

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void opensRefusesWithoutRunningTheMethodAndClosesAfterASuccessfulTrial(Jdk jdk) throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        methods:
          - match: com.example.orders.OrderService#placeOrder
            breaker:
              slidingWindowSize: 4
              minimumNumberOfCalls: 4
              waitDurationInOpenState: 1s
              permittedNumberOfCallsInHalfOpenState: 1
            onReject: { throw: com.example.orders.OrderFailedException, message: "breaker open" }
        """);
    RunningApp orders = apps.start(TestApp.named("orders").on(jdk).withAgent(config));

    for (int i = 0; i < 4; i++) {
      assertEquals(500, Http.post(orders.port(), "/orders?item=book&fail=true").statusCode());
    }
    HttpResponse<String> refused = Http.post(orders.port(), "/orders?item=book");
    assertEquals(500, refused.statusCode());
    assertTrue(refused.body().contains("breaker open"), refused.body());
    assertEquals("{\"count\":0}", Http.get(orders.port(), "/orders").body(), "the refused call never ran");
    orders.awaitStdout(line -> isBreakerEvent(line, "CLOSED", "OPEN"));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status;
    do {
      status = Http.post(orders.port(), "/orders?item=book").statusCode();
    } while (status != 201 && System.nanoTime() < deadline);
    assertEquals(201, status, "a trial call goes through once the breaker waited 1 s");

    orders.awaitStdout(line -> isBreakerEvent(line, "OPEN", "HALF_OPEN"));
    String closed = orders.awaitStdout(line -> isBreakerEvent(line, "HALF_OPEN", "CLOSED"));
    assertEquals("info", Logfmt.parse(closed).get("level"));
    String opened = orders.stdout().stream().filter(line -> isBreakerEvent(line, "CLOSED", "OPEN")).findFirst()
        .orElseThrow();
    assertEquals("warn", Logfmt.parse(opened).get("level"));
    assertEquals("100.0", Logfmt.parse(opened).get("failure_rate"));
    assertEquals(1, orders.stdout().stream().filter(line -> isBreakerEvent(line, "CLOSED", "OPEN")).count());

    PrometheusText metrics = AdminMetrics.scrapeUntil(orders.adminPort(), text ->
        text.value("resilience4j_circuitbreaker_state", "name", SITE, "state", "closed") == 1.0);
    assertTrue(metrics.value("resilience4j_circuitbreaker_not_permitted_calls_total", "name", SITE,
        "kind", "not_permitted") >= 1);
    assertEquals(4.0, metrics.value("resilience4j_circuitbreaker_calls_seconds_count", "name", SITE,
        "kind", "failed"));

    String health = Http.get(orders.adminPort(), "/health").body();
    assertTrue(health.contains("\"breakers\":{\"status\":\"UP\",\"breakers\":{\"" + SITE + "\":{\"state\":\"CLOSED\""),
        health);

    List<String> all = new java.util.ArrayList<>(orders.stdout());
    all.addAll(orders.stderr());
    assertFalse(all.stream().anyMatch(line -> line.contains("SLF4J")), "Resilience4j's logging stays inside: " + all);
  }

  private static boolean isBreakerEvent(String line, String from, String to) {
    Map<String, String> event = Logfmt.parse(line);
    return "breaker".equals(event.get("event")) && SITE.equals(event.get("breaker")) && from.equals(event.get("from"))
        && to.equals(event.get("to"));
  }

  @Test
  void withDownWhenOpenAnOpenBreakerMakesTheServiceDownAndTheAdminEndpointShowsIt() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        health: { downWhenOpen: true }
        methods:
          - match: com.example.orders.OrderService#placeOrder
            breaker: { slidingWindowSize: 2, minimumNumberOfCalls: 2, waitDurationInOpenState: 1m }
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));
    orders.port();
    assertEquals(200, Http.get(orders.adminPort(), "/health").statusCode());
    String closed = Http.get(orders.adminPort(), "/agent/breakers").body();
    assertTrue(closed.startsWith("{\"" + SITE + "\":{\"state\":\"CLOSED\",\"status\":\"UP\",\"failure_rate\":-1.0,"),
        closed);

    for (int i = 0; i < 2; i++) {
      assertEquals(500, Http.post(orders.port(), "/orders?item=book&fail=true").statusCode());
    }
    HttpResponse<String> health = Http.get(orders.adminPort(), "/health");
    assertEquals(503, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"breakers\":{\"status\":\"DOWN\""), health.body());
    String open = Http.get(orders.adminPort(), "/agent/breakers").body();
    assertTrue(open.contains("\"state\":\"OPEN\",\"status\":\"DEGRADED\",\"failure_rate\":100.0,"
        + "\"slow_call_rate\":0.0,\"buffered_calls\":2,\"failed_calls\":2"), open);
    assertEquals(404, Http.get(orders.adminPort(), "/agent/limiters").statusCode(), "no limiter, no view");
  }

  @Test
  void theJvmExitsWhenMainReturnsThoughABreakerWaitsToMoveToHalfOpen() throws Exception {
    Path config = Files.writeString(dir.resolve("exits.yaml"), """
        service: targets
        agent: { admin: { address: "127.0.0.1:0" } }
        methods:
          - match: com.example.targets.Targets#broken
            breaker:
              slidingWindowSize: 2
              minimumNumberOfCalls: 2
              waitDurationInOpenState: 1h
              automaticTransitionFromOpenToHalfOpenEnabled: true
              maxWaitDurationInHalfOpenState: 1h
        """);
    RunningApp app = apps.start(TestApp.named("fault-targets").withAgent(config).env("EXIT", "1")
        .args("broken", "3"));

    assertEquals(0, app.awaitExit(), "the agent's timers are daemon threads");
    assertTrue(app.stdout().stream().anyMatch(line -> line.contains("event=breaker") && line.contains("to=OPEN")),
        app::describe);
  }
}
