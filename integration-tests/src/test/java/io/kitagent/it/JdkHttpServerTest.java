package io.kitagent.it;

import static io.kitagent.it.harness.AdminMetrics.labels;
import static io.kitagent.it.harness.HttpEvents.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.HttpEvents;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The orders test-app (the JDK's HttpServer) under {@code http.server}; the agent's admin endpoint runs on the same server. */
class JdkHttpServerTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private static final String JDKS = "io.kitagent.it.harness.Jdks#forTests";
  private static final String COUNT = "http_server_requests_seconds_count";

  private RunningApp startOrders(Jdk jdk) throws Exception {
    RunningApp orders = apps.start(TestApp.named("orders").on(jdk).withAgent(Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        logging: { level: debug }
        http:
          server: true
        """)));
    orders.awaitStderr(l -> l.startsWith(HttpEvents.WOVEN));
    return orders;
  }

  private static boolean isServerEvent(String line) {
    return HttpEvents.isServerEvent(line, "jdk-httpserver");
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void requestsAreLoggedAndCountedUnderTheContextPathAsRoute(Jdk jdk) throws Exception {
    RunningApp orders = startOrders(jdk);
    int port = orders.port();

    assertEquals(201, Http.post(port, "/orders?item=book").statusCode());
    assertEquals(200, Http.get(port, "/orders").statusCode());
    assertEquals(404, Http.get(port, "/orders/nope").statusCode());
    assertEquals(500, Http.post(port, "/orders?item=pen&fail=true").statusCode());

    List<String> lines = orders.awaitStdout(JdkHttpServerTest::isServerEvent, 4);
    assertEquals(HttpEvents.inAnyOrder(List.of(
        event("info", "POST", "/orders", "201", "SUCCESS"),
        event("info", "GET", "/orders", "200", "SUCCESS"),
        event("info", "GET", "/orders/nope", "404", "CLIENT_ERROR"),
        event("warn", "POST", "/orders", "500", "SERVER_ERROR"))),
        HttpEvents.essentialsInAnyOrder(lines));
    assertTrue(lines.stream().allMatch(l -> l.contains(" service=orders ")), lines.toString());

    PrometheusText metrics = AdminMetrics.scrapeUntil(orders.adminPort(), text -> AdminMetrics.sum(text, COUNT) >= 4);
    String[] route = {"service", "orders", "route", "/orders", "uri", "/orders", "exception", "none"};
    assertEquals(1, metrics.value(COUNT, labels(route, "method", "POST", "status", "201", "outcome", "SUCCESS")));
    assertEquals(1, metrics.value(COUNT, labels(route, "method", "GET", "status", "200", "outcome", "SUCCESS")));
    assertEquals(1, metrics.value(COUNT, labels(route, "method", "GET", "status", "404", "outcome", "CLIENT_ERROR")));
    assertEquals(1, metrics.value(COUNT, labels(route, "method", "POST", "status", "500", "outcome", "SERVER_ERROR")));
    assertEquals(4, AdminMetrics.sum(metrics, COUNT), metrics.find(COUNT).toString());
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void theAgentsOwnAdminEndpointIsNeverRecorded(Jdk jdk) throws Exception {
    RunningApp orders = startOrders(jdk);
    int admin = orders.adminPort();

    for (int i = 0; i < 3; i++) {
      assertEquals(200, Http.get(admin, "/metrics").statusCode());
    }
    assertEquals(200, Http.get(admin, "/health").statusCode());
    assertEquals(404, Http.get(admin, "/nothing").statusCode());
    // An application request after them: its event and count come after any the scrapes had made.
    assertEquals(200, Http.get(orders.port(), "/orders").statusCode());
    orders.awaitStdout(JdkHttpServerTest::isServerEvent);

    PrometheusText metrics = AdminMetrics.scrapeUntil(admin, text -> AdminMetrics.sum(text, COUNT) >= 1);
    assertEquals(List.of("/orders"), metrics.samples().stream().filter(s -> s.name().startsWith("http_server_requests"))
        .map(s -> s.labels().get("route")).distinct().toList());
    assertEquals(1, AdminMetrics.sum(metrics, COUNT), metrics.find(COUNT).toString());
    assertEquals(200, Http.get(orders.port(), "/orders").statusCode());
    orders.awaitStdout(JdkHttpServerTest::isServerEvent, 2);
    assertEquals(2, orders.stdout().stream().filter(HttpEvents::isHttpEvent).count(), orders.describe());
  }

  private static Map<String, String> event(String level, String method, String path, String status, String outcome) {
    return expected("level", level, "library", "jdk-httpserver", "method", method, "path", path, "route", "/orders",
        "status", status, "outcome", outcome);
  }
}
