package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Method and JVM meters of the orders test-app, read from the agent's admin endpoint. */
class MetricsTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private static final String CONFIG = """
      service: orders
      agent: { admin: { address: "127.0.0.1:0" } }
      methods:
        - match: com.example.orders.OrderService#placeOrder
          log: true
          metrics: { histogram: true, slo: [50ms, 200ms] }
        - match: com.example.orders.OrderService#*Order*
          metrics: true
      """;

  private RunningApp start(Jdk jdk, String config) throws Exception {
    return apps.start(TestApp.named("orders").on(jdk)
        .withAgent(Files.writeString(dir.resolve("orders.yaml"), config)));
  }

  /** Scrapes until the condition holds: meters appear as calls complete, JVM meters a little later. */
  private static PrometheusText scrapeUntil(int adminPort, Predicate<PrometheusText> condition) {
    long deadline = System.nanoTime() + RunningApp.DEFAULT_WAIT.toNanos();
    while (true) {
      PrometheusText text = PrometheusText.parse(Http.get(adminPort, "/metrics").body());
      if (condition.test(text)) {
        return text;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held; last scrape:\n" + text.samples());
      }
      LockSupport.parkNanos(50_000_000L); // between polls of the endpoint, not instead of a condition
    }
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void timerCountsCallsByOutcomeAndExceptionWithTheServiceTag(Jdk jdk) throws Exception {
    RunningApp orders = start(jdk, CONFIG);
    int port = orders.port();
    int admin = orders.adminPort();

    for (int i = 0; i < 3; i++) {
      assertEquals(201, Http.post(port, "/orders?item=book").statusCode());
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(500, Http.post(port, "/orders?item=pen&fail=true").statusCode());
    }
    Http.get(port, "/orders/o-1");

    PrometheusText metrics = scrapeUntil(admin, t -> !t.find("kit_method_seconds_count", "method", "findOrder").isEmpty());
    String[] placeOrder = {"service", "orders", "class", "com.example.orders.OrderService", "method", "placeOrder"};
    assertEquals(3, metrics.value("kit_method_seconds_count", concat(placeOrder, "outcome", "ok", "exception", "none")));
    assertEquals(2, metrics.value("kit_method_seconds_count",
        concat(placeOrder, "outcome", "error", "exception", "OrderFailedException")));
    assertEquals(1, metrics.value("kit_method_seconds_count", "method", "findOrder", "outcome", "ok"));
    assertTrue(metrics.value("kit_method_seconds_sum", concat(placeOrder, "outcome", "ok")) > 0);
    assertEquals(0, metrics.value("kit_method_active", "method", "placeOrder"));
    // Woven methods start at zero, so a rate over a series that has not moved yet is 0, not absent.
    assertEquals(0, metrics.value("kit_method_seconds_count", "method", "countOrders", "outcome", "ok"));
    assertTrue(metrics.samples().stream().filter(s -> s.name().startsWith("kit_"))
        .allMatch(s -> "orders".equals(s.labels().get("service"))));
  }

  @Test
  void argumentTagsComeFromEachCallsArgumentsAndOtherRulesCarryTheKeyAsNone() throws Exception {
    RunningApp orders = start(defaultJdk(), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        methods:
          - match: com.example.orders.OrderService#placeOrder
            metrics: { tags: { item: arg0 } }
          - match: com.example.orders.OrderService#findOrder
            metrics: true
        """);
    int port = orders.port();

    Http.post(port, "/orders?item=book");
    Http.post(port, "/orders?item=book");
    Http.post(port, "/orders?item=pen");
    Http.get(port, "/orders/o-1");

    PrometheusText metrics = scrapeUntil(orders.adminPort(),
        t -> t.find("kit_method_seconds_count", "method", "findOrder").stream().anyMatch(s -> s.value() == 1));
    assertEquals(2, metrics.value("kit_method_seconds_count", "method", "placeOrder", "item", "book"));
    assertEquals(1, metrics.value("kit_method_seconds_count", "method", "placeOrder", "item", "pen"));
    assertEquals(1, metrics.value("kit_method_seconds_count", "method", "findOrder", "item", "none"));
  }

  @Test
  void histogramAndSloBucketsArePublished() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG);
    Http.post(orders.port(), "/orders?item=book&delayMs=100");

    PrometheusText metrics = scrapeUntil(orders.adminPort(), t -> !t.find("kit_method_seconds_bucket").isEmpty());

    String[] ok = {"method", "placeOrder", "outcome", "ok"};
    assertEquals(0, metrics.value("kit_method_seconds_bucket", concat(ok, "le", "0.05")), "100 ms is over 50 ms");
    assertEquals(1, metrics.value("kit_method_seconds_bucket", concat(ok, "le", "0.2")));
    assertEquals(1, metrics.value("kit_method_seconds_bucket", concat(ok, "le", "+Inf")));
  }

  @Test
  void jvmMetersAreRegistered() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG);

    // The binders register one after another, off the application's threads: wait for the last.
    PrometheusText metrics = scrapeUntil(orders.adminPort(), t -> !t.find("process_uptime_seconds").isEmpty());

    for (String meter : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
        "jvm_classes_loaded_classes", "system_cpu_count", "jvm_gc_memory_allocated_bytes_total"}) {
      assertFalse(metrics.find(meter).isEmpty(), meter + " missing");
    }
    assertTrue(metrics.find("jvm_memory_used_bytes").stream().allMatch(s -> "orders".equals(s.labels().get("service"))));
  }

  @Test
  void overloadsShareTheirMetersWithoutRegistrationErrors() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG);
    int port = orders.port();

    Http.get(port, "/orders");
    Http.get(port, "/orders?item=book");

    PrometheusText metrics = scrapeUntil(orders.adminPort(),
        t -> t.find("kit_method_seconds_count", "method", "countOrders").stream().mapToDouble(PrometheusText.Sample::value).sum() == 2);
    assertEquals(2, metrics.value("kit_method_seconds_count", "method", "countOrders", "outcome", "ok"));
    assertTrue(orders.stderr().stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")), orders.describe());
  }

  @Test
  void openMetricsIsServedWhenTheScraperAsksForIt() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG);
    Http.post(orders.port(), "/orders?item=book");
    int admin = orders.adminPort();
    scrapeUntil(admin, t -> !t.find("kit_method_seconds_count").isEmpty());

    HttpResponse<String> response = Http.get(admin, "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
    assertTrue(response.body().strip().endsWith("# EOF"), response.body());
    assertTrue(Http.get(admin, "/metrics").headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
  }

  @Test
  void healthIsUpWithTheAgentVersionAndComponents() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG);
    int admin = orders.adminPort();

    HttpResponse<String> response = Http.get(admin, "/health");

    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode health = new ObjectMapper().readTree(response.body());
    assertEquals("UP", health.get("status").asText());
    assertTrue(health.get("version").asText().startsWith("kit-agent "));
    assertTrue(health.get("uptime_seconds").isNumber());
    assertEquals("UP", health.get("components").get("weaving").get("status").asText());
    assertEquals("UP", health.get("components").get("logging").get("status").asText());
    assertEquals(404, Http.get(admin, "/nothing").statusCode());
  }

  @Test
  void tokenIsRequiredOnEveryRequestWhenSet() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG.replace("address: \"127.0.0.1:0\"", "address: \"127.0.0.1:0\", token: s3cret-token"));
    int admin = orders.adminPort();

    assertEquals(401, Http.get(admin, "/metrics").statusCode());
    assertEquals(401, Http.get(admin, "/health", "Authorization", "Bearer wrong").statusCode());
    assertEquals(200, Http.get(admin, "/health", "Authorization", "Bearer s3cret-token").statusCode());
    assertEquals(200, Http.get(admin, "/metrics", "Authorization", "Bearer s3cret-token").statusCode());
  }

  @Test
  void nonLoopbackAddressWithoutTokenIsRefusedAtStartUp() throws Exception {
    RunningApp orders = start(defaultJdk(), CONFIG.replace("127.0.0.1:0", "0.0.0.0:0"));

    assertEquals(200, Http.get(orders.port(), "/orders").statusCode(), "the application runs");
    String error = orders.awaitStderr(l -> l.contains("agent.admin.address"));
    assertTrue(error.contains("0.0.0.0 is not a loopback address: set agent.admin.token"), error);
    assertFalse(orders.stderr().stream().anyMatch(l -> l.contains("admin endpoint on")));
  }

  @Test
  void aTakenPortIsALoggedErrorAndTheApplicationRuns() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      RunningApp orders = start(defaultJdk(), CONFIG.replace("127.0.0.1:0", "127.0.0.1:" + taken.getLocalPort()));

      String error = orders.awaitStderr(l -> l.contains("cannot start the admin endpoint"));
      assertTrue(error.contains("127.0.0.1:" + taken.getLocalPort()), error);
      assertEquals(201, Http.post(orders.port(), "/orders?item=book").statusCode());
    }
  }

  private static Jdk defaultJdk() {
    return io.kitagent.it.harness.Jdks.current();
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
