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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code retry:} on a downstream service, for every client path: a request answered 502 once is sent
 * again and succeeds; one answered 502 every time gives up after {@code maxAttempts}; a POST, and a
 * body streamed once, are never sent twice; a refused connection is retried; a retry never passes an
 * open breaker; and against a downstream that always fails the budget bounds what reaches it.
 * Counted by the downstream itself.
 */
class HttpRetryTest {

  @RegisterExtension
  static final SharedApps shared = new SharedApps();

  @TempDir
  static Path dir;

  static final List<String> CLIENTS = ClientCalls.CLIENTS;

  private record Setup(RunningApp clients, Map<String, Downstream> downstreams, Downstream storm) {}

  /**
   * One downstream per client path, reached as two services: {@code r-<client>} (127.0.0.1) retries,
   * {@code b-<client>} (localhost) retries behind a breaker that opens after two failures.
   */
  private static Setup setup() {
    return shared.get("setup", apps -> {
      Map<String, Downstream> downstreams = new LinkedHashMap<>();
      StringBuilder services = new StringBuilder();
      for (String client : CLIENTS) {
        Downstream downstream = Downstream.start(apps, client, 0);
        downstreams.put(client, downstream);
        services.append("""
              r-%1$s:
                hosts: ["127.0.0.1:%2$d"]
                retry: { maxAttempts: 3, waitDuration: 20ms, budget: false }
              b-%1$s:
                hosts: ["localhost:%2$d"]
                retry: { maxAttempts: 5, waitDuration: 0, budget: false }
                breaker: { slidingWindowSize: 2, minimumNumberOfCalls: 2, waitDurationInOpenState: 1h }
            """.formatted(client, downstream.port()));
      }
      Downstream storm = Downstream.start(apps, "storm", 0);
      RunningApp clients = apps.start(TestApp.named("http-clients").withAgent(config("clients", """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          metrics: { jvm: false }
          logging: { level: debug }
          services:
            storm:
              hosts: ["127.0.0.1:%d"]
              retry: { maxAttempts: 3, waitDuration: 0 }
          """.formatted(storm.port()) + services)));
      clients.port();
      return new Setup(clients, downstreams, storm);
    });
  }

  /** HttpURLConnection's request belongs to the one connection object the application reads: it is not sent twice. */
  private static boolean retries(String client) {
    return !client.equals("urlconnection");
  }

  @ParameterizedTest
  @FieldSource("CLIENTS")
  void retriesGatewayAnswersAndRefusedConnectionsOfIdempotentRequestsOnly(String client) {
    Setup setup = setup();
    RunningApp app = setup.clients();
    Downstream downstream = setup.downstreams().get(client);
    String url = "http://127.0.0.1:" + downstream.port() + "/items";
    boolean retries = retries(client);

    downstream.fail(502, 1);
    Map<String, String> second = ClientCalls.call(app.port(), client, "GET", url);
    assertEquals(retries ? "200" : "502", second.get("status"), second::toString);
    assertEquals(retries ? 2 : 1, downstream.count(), "the second attempt succeeded");
    if (retries) {
      assertTrue(second.get("body").startsWith("ok from"), "only the last attempt's body reaches the application: " + second);
    }

    downstream.fail(502);
    assertEquals("502", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    long afterGiveUp = downstream.count();
    assertEquals(retries ? 5 : 2, afterGiveUp, "three attempts in all, then the last answer");

    Map<String, String> post = ClientCalls.call(app.port(), client, "POST", url);
    assertEquals("502", post.get("status"), post::toString);
    assertEquals(afterGiveUp + 1, downstream.count(), "a POST is not sent twice");

    Map<String, String> put = ClientCalls.call(app.port(), client, "PUT", url);
    assertEquals("502", put.get("status"), put::toString);
    assertEquals(afterGiveUp + 2, downstream.count(),
        "a PUT is idempotent, but a body streamed once (an InputStream) cannot be sent again");

    downstream.ok();
    assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    downstream.refuse();
    Map<String, String> refused = ClientCalls.call(app.port(), client, "GET", url);
    assertEquals(ClientCalls.connectionRefused(client), refused.get("error"), refused::toString);
    downstream.ok();

    String name = "r-" + client;
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertEquals(retries ? 1.0 : 0.0, value(metrics, name, "successful_with_retry"));
    assertEquals(1.0, value(metrics, name, "successful_without_retry"));
    assertEquals(retries ? 2.0 : 0.0, value(metrics, name, "failed_with_retry"),
        "the GET that gave up and the refused connection");
    assertEquals(retries ? 2.0 : 5.0, value(metrics, name, "failed_without_retry"), "the POST and the PUT");
    if (!retries) {
      assertTrue(app.stderr().stream().anyMatch(line -> line.contains("retry does not apply to HttpURLConnection")),
          "said once, at the first such request");
    } else {
      assertTrue(app.stdout().stream().anyMatch(line -> {
        Map<String, String> event = Logfmt.parse(line);
        return "retry".equals(event.get("event")) && name.equals(event.get("site")) && "502".equals(event.get("status"));
      }), "each retry is a debug event with the status it retries");
    }
  }

  @ParameterizedTest
  @FieldSource("CLIENTS")
  void aRetryNeverPassesAnOpenBreaker(String client) {
    Setup setup = setup();
    RunningApp app = setup.clients();
    Downstream downstream = setup.downstreams().get(client);
    String url = "http://localhost:" + downstream.port() + "/items";
    long before = downstream.count();

    downstream.fail(502);
    Map<String, String> report = ClientCalls.call(app.port(), client, "GET", url);
    downstream.ok();
    if (!retries(client)) {
      assertEquals("502", report.get("status"), report::toString);
      assertEquals(before + 1, downstream.count());
      return;
    }
    assertEquals(before + 2, downstream.count(), "two attempts open the breaker; the third is not sent");
    assertEquals("503", report.get("status"), report::toString);
    assertEquals("breaker", report.get("header.x-kit-refused"), "the caller gets the breaker's answer: " + report);
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertEquals(1.0, metrics.value("resilience4j_circuitbreaker_not_permitted_calls_total", "name", "b-" + client,
        "kind", "not_permitted"));
    assertEquals(1.0, value(metrics, "b-" + client, "failed_with_retry"));
  }

  @Test
  void theBudgetBoundsARetryStorm() throws Exception {
    Setup setup = setup();
    RunningApp app = setup.clients();
    Downstream storm = setup.storm();
    String url = "http://127.0.0.1:" + storm.port() + "/items";
    int callers = 4;
    int calls = 200;

    storm.fail(502);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < calls / callers; i++) {
            assertEquals("502", ClientCalls.call(app.port(), "jdk", "GET", url).get("status"));
          }
          return null;
        }));
      }
      for (Future<?> caller : done) {
        caller.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long windows = Math.max(1, (System.nanoTime() - start + 9_999_999_999L) / 10_000_000_000L);
    long seen = storm.count();
    assertTrue(seen > calls, "the budget's floor lets some retries through: " + seen);
    assertTrue(seen <= calls * 1.2 + 3 * 10 * windows,
        "at most 20 % more plus 3 a second (30 per 10 s), not 3 × calls: " + seen + " in " + windows + " windows");
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertTrue(metrics.value("kit_retry_budget_exhausted_total", "name", "storm") > 0);
  }

  private static double value(PrometheusText metrics, String name, String kind) {
    return metrics.value("resilience4j_retry_calls_total", "name", name, "kind", kind);
  }

  private static Path config(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
