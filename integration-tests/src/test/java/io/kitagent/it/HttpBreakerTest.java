package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.Downstream;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.SharedApps;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code breaker:} on a downstream service, for every client path: the downstream test-app is told to
 * answer 500s, to refuse connections, to be slow and to recover. The breaker opens after its window,
 * nothing reaches the downstream while it is open, a trial goes through after the wait and reopens on
 * failure or closes on success; each change is one log event, and the states are in {@code /metrics}.
 */
class HttpBreakerTest {

  @RegisterExtension
  static final SharedApps shared = new SharedApps();

  @TempDir
  static Path dir;

  static final java.util.List<String> CLIENTS = ClientCalls.CLIENTS;

  private record Setup(RunningApp clients, Map<String, Downstream> downstreams) {}

  /** One downstream per client path, so that each path's breaker starts closed; one clients app under the agent. */
  private static Setup setup() {
    return shared.get("setup", apps -> {
      Map<String, Downstream> downstreams = new LinkedHashMap<>();
      StringBuilder services = new StringBuilder();
      for (String client : CLIENTS) {
        Downstream downstream = Downstream.start(apps, client, 0);
        downstreams.put(client, downstream);
        services.append("""
              d-%s:
                hosts: ["127.0.0.1:%d"]
                breaker:
                  slidingWindowSize: 4
                  minimumNumberOfCalls: 4
                  waitDurationInOpenState: 1s
                  permittedNumberOfCallsInHalfOpenState: 1
                  automaticTransitionFromOpenToHalfOpenEnabled: true
                  slowCallDurationThreshold: 300ms
                  slowCallRateThreshold: 50
            """.formatted(client, downstream.port()));
      }
      RunningApp clients = apps.start(TestApp.named("http-clients").withAgent(config("clients", """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          metrics: { jvm: false }
          services:
          """ + services)));
      clients.port();
      return new Setup(clients, downstreams);
    });
  }

  @ParameterizedTest
  @FieldSource("CLIENTS")
  void opensOnFailuresRefusedConnectionsAndSlowAnswersAndClosesAfterATrial(String client) {
    Setup setup = setup();
    RunningApp app = setup.clients();
    Downstream downstream = setup.downstreams().get(client);
    String breaker = "d-" + client;
    String url = "http://127.0.0.1:" + downstream.port() + "/items";
    Events events = new Events(app, breaker);

    downstream.fail(500);
    for (int i = 0; i < 4; i++) {
      assertEquals("500", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    }
    events.await("CLOSED", "OPEN", 1);
    for (int i = 0; i < 3; i++) {
      assertRefused(client, ClientCalls.call(app.port(), client, "GET", url));
    }
    assertEquals(4, downstream.count(), "nothing reaches the downstream while the breaker is open");

    events.await("OPEN", "HALF_OPEN", 1);
    assertEquals("500", ClientCalls.call(app.port(), client, "GET", url).get("status"), "the trial goes through");
    events.await("HALF_OPEN", "OPEN", 1);
    assertEquals(5, downstream.count());

    downstream.refuse();
    events.await("OPEN", "HALF_OPEN", 2);
    Map<String, String> refusedConnection = ClientCalls.call(app.port(), client, "GET", url);
    assertEquals(ClientCalls.connectionRefused(client), refusedConnection.get("error"), refusedConnection::toString);
    events.await("HALF_OPEN", "OPEN", 2);

    downstream.ok();
    events.await("OPEN", "HALF_OPEN", 3);
    assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    events.await("HALF_OPEN", "CLOSED", 1);

    downstream.slow(400);
    for (int i = 0; i < 4; i++) {
      assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    }
    String slowOpen = events.await("CLOSED", "OPEN", 2);
    assertEquals("100.0", Logfmt.parse(slowOpen).get("slow_call_rate"), slowOpen);
    assertRefused(client, ClientCalls.call(app.port(), client, "GET", url));
    downstream.ok();
    events.await("OPEN", "HALF_OPEN", 4);
    assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    events.await("HALF_OPEN", "CLOSED", 2);

    PrometheusText metrics = AdminMetrics.scrapeUntil(app.adminPort(), text ->
        text.value("resilience4j_circuitbreaker_state", "name", breaker, "state", "closed") == 1.0);
    assertEquals(6.0, metrics.value("resilience4j_circuitbreaker_calls_seconds_count", "name", breaker,
        "kind", "failed"), "4 answers of 500, a trial's 500 and a refused connection");
    assertEquals(6.0, metrics.value("resilience4j_circuitbreaker_calls_seconds_count", "name", breaker,
        "kind", "successful"));
    assertEquals(4.0, metrics.value("resilience4j_circuitbreaker_not_permitted_calls_total", "name", breaker,
        "kind", "not_permitted"));
  }

  private static void assertRefused(String client, Map<String, String> report) {
    if (client.equals("urlconnection")) {
      assertEquals("java.io.IOException", report.get("error"), report::toString);
      assertTrue(report.get("message").startsWith("refused by kit-agent breaker: "), report::toString);
    } else {
      assertEquals("503", report.get("status"), report::toString);
      assertEquals("breaker", report.get("header.x-kit-refused"), report::toString);
    }
  }

  /** The agent's log events about one breaker. */
  private record Events(RunningApp app, String breaker) {
    /** Waits for the {@code count}th move from {@code from} to {@code to}, and answers it. */
    String await(String from, String to, int count) {
      return app.awaitStdout(line -> {
        Map<String, String> event = Logfmt.parse(line);
        return "breaker".equals(event.get("event")) && breaker.equals(event.get("breaker"))
            && from.equals(event.get("from")) && to.equals(event.get("to"));
      }, count).get(count - 1);
    }
  }

  private static Path config(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
