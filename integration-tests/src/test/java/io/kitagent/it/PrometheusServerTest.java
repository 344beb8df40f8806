package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes the agent's admin endpoint, and its query API returns
 * the method timer and the breaker's state and calls; promtool lints the exposition text, the
 * resilience meters included.
 */
class PrometheusServerTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @Test
  void prometheusScrapesTheAgentAndAnswersQueriesForTheMethodTimerAndTheBreaker() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        methods:
          - match: com.example.orders.OrderService#placeOrder
            metrics: true
            breaker: { slidingWindowSize: 2, minimumNumberOfCalls: 2 }
            limiter: { limitForPeriod: 100 }
            bulkhead: { maxConcurrentCalls: 5 }
            onReject: { throw: com.example.orders.OrderFailedException, message: "breaker open" }
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));
    Http.post(orders.port(), "/orders?item=book");
    Http.post(orders.port(), "/orders?item=book&fail=true");
    Http.post(orders.port(), "/orders?item=book&fail=true");
    int prometheusPort = Apps.freePort();
    Path prometheusConfig = Files.writeString(dir.resolve("prometheus.yml"), """
        global: { scrape_interval: 1s, evaluation_interval: 1s }
        scrape_configs:
          - job_name: kit-agent
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """.formatted(orders.adminPort()));
    RunningApp prometheus = apps.startCommand("prometheus", List.of("prometheus",
        "--config.file=" + prometheusConfig, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + prometheusPort));

    JsonNode series = awaitSeries(prometheus, prometheusPort,
        "kit_method_seconds_count{method=\"placeOrder\",outcome=\"ok\"}");

    JsonNode metric = series.get("metric");
    assertEquals("orders", metric.get("service").asText());
    assertEquals("com.example.orders.OrderService", metric.get("class").asText());
    assertEquals("kit-agent", metric.get("job").asText());
    assertEquals("1", series.get("value").get(1).asText());

    String breaker = "name=\"com.example.orders.OrderService#placeOrder\"";
    assertEquals("1", awaitSeries(prometheus, prometheusPort,
        "resilience4j_circuitbreaker_state{" + breaker + ",state=\"open\"}").get("value").get(1).asText());
    assertEquals("1", awaitSeries(prometheus, prometheusPort,
        "resilience4j_circuitbreaker_calls_seconds_count{" + breaker + ",kind=\"failed\"}").get("value").get(1).asText());
    assertEquals("1", awaitSeries(prometheus, prometheusPort,
        "resilience4j_circuitbreaker_calls_seconds_count{" + breaker + ",kind=\"successful\"}").get("value").get(1)
        .asText());
    assertEquals("1", awaitSeries(prometheus, prometheusPort,
        "resilience4j_circuitbreaker_not_permitted_calls_total{" + breaker + "}").get("value").get(1).asText(),
        "one ok and one failed call of a window of 2 open it: the third is refused");
    assertEquals("5", awaitSeries(prometheus, prometheusPort,
        "resilience4j_bulkhead_max_allowed_concurrent_calls{" + breaker + "}").get("value").get(1).asText());
    awaitSeries(prometheus, prometheusPort, "resilience4j_ratelimiter_available_permissions{" + breaker + "}");
  }

  @Test
  void promtoolFindsNoProblemInTheAgentsOwnMeters() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        methods:
          - match: com.example.orders.OrderService#*Order
            metrics: { histogram: true, percentiles: [0.5, 0.99], slo: [50ms] }
            breaker: true
            limiter: { limitForPeriod: 100 }
            bulkhead: true
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));
    Http.post(orders.port(), "/orders?item=book");
    Http.post(orders.port(), "/orders?item=pen&fail=true");
    Path scraped = Files.writeString(dir.resolve("metrics.txt"), Http.get(orders.adminPort(), "/metrics").body());

    Process promtool = new ProcessBuilder("promtool", "check", "metrics")
        .redirectInput(scraped.toFile()).redirectErrorStream(true).start();
    String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));

    // Micrometer's own JVM meter names (process_cpu_time_ns_total, system_cpu_count) are its
    // convention, which the stock dashboards expect; ours must be clean.
    List<String> ours = report.lines().filter(line -> line.startsWith("kit_")).toList();
    assertEquals(List.of(), ours, report);
    assertTrue(Files.readString(scraped).contains("# HELP kit_method_seconds "), "help text for our meters");
  }

  /** Polls the query API until it returns a series (the first scrape comes a few seconds in). */
  private static JsonNode awaitSeries(RunningApp prometheus, int port, String query) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String path = "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!prometheus.isAlive()) {
        throw new AssertionError("prometheus exited\n" + prometheus.describe());
      }
      try {
        java.net.http.HttpResponse<String> response = Http.get(port, path);
        last = response.statusCode() + " " + response.body();
        // 503 "Service Unavailable" (not JSON) while Prometheus is still starting
        JsonNode result = response.statusCode() == 200
            ? json.readTree(response.body()).path("data").path("result") : json.missingNode();
        if (result.size() > 0) {
          return result.get(0);
        }
      } catch (AssertionError notUpYet) {
        last = notUpYet.getMessage();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250)); // between polls, not instead of one
    }
    throw new AssertionError("no series for " + query + " within 60 s; last answer: " + last + "\n"
        + prometheus.describe());
  }
}
