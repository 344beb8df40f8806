package io.kitagent.it;

import static io.kitagent.it.harness.AdminMetrics.growth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.HttpEvents;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Jdks;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.SharedApps;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fault:} on HTTP: every client library's request to a service with an abort at 100 % is
 * answered in the process and never reaches its server, while other hosts are untouched; every server
 * answers an aborted request with the configured status, headers and body, and its handler never runs.
 */
class HttpFaultTest {

  @RegisterExtension
  static final SharedApps shared = new SharedApps();

  @TempDir
  static Path dir;

  private static final String COUNT = "http_client_requests_seconds_count";
  private static Counted refusedServer;
  private static Counted openServer;

  /** A JDK server in the test's own JVM (no agent here) that counts what reaches it. */
  private record Counted(HttpServer server, AtomicInteger requests) {
    static Counted start() throws IOException {
      AtomicInteger requests = new AtomicInteger();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        byte[] body = "reached".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return new Counted(server, requests);
    }

    int port() {
      return server.getAddress().getPort();
    }
  }

  @BeforeAll
  static void startServers() throws IOException {
    refusedServer = Counted.start();
    openServer = Counted.start();
  }

  @AfterAll
  static void stopServers() {
    refusedServer.server().stop(0);
    openServer.server().stop(0);
  }

  static Stream<Arguments> clientsOnEachJdk() {
    return Jdks.forTests().stream().flatMap(jdk -> ClientCalls.CLIENTS.stream().map(client -> Arguments.of(jdk, client)));
  }

  private record Clients(int port, int adminPort) {}

  private static Clients clients(Jdk jdk) {
    return shared.get("clients on " + jdk, apps -> {
      int port = refusedServer.port();
      RunningApp clients = apps.start(TestApp.named("http-clients").on(jdk).withAgent(config("clients-" + jdk.feature(), """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          logging: { level: debug }
          http:
            client: true
          services:
            refused:
              hosts: ["127.0.0.1:%d"]
              fault: { abort: { percent: 100 } }
              onReject: { status: 503, headers: { X-Retry-In: "7" }, body: "try later" }
            failing:
              hosts: ["localhost:%d"]
              fault: { abort: { percent: 100 }, onReject: { throw: io } }
          """.formatted(port, port))));
      clients.awaitStderr(line -> line.startsWith(HttpEvents.WOVEN));
      return new Clients(clients.port(), clients.adminPort());
    });
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("clientsOnEachJdk")
  void aRefusedRequestIsAnsweredByTheAgentAndNeverReachesItsServer(Jdk jdk, String client) {
    Clients app = clients(jdk);
    int reached = refusedServer.requests().get();
    PrometheusText before = AdminMetrics.scrape(app.adminPort());

    Map<String, String> refused = ClientCalls.call(app.port(), client, "GET",
        "http://127.0.0.1:" + refusedServer.port() + "/items");
    if (client.equals("urlconnection")) {
      assertEquals("java.io.IOException", refused.get("error"), refused::toString);
      assertTrue(refused.get("message").startsWith("refused by kit-agent fault: abort injected"), refused::toString);
    } else {
      assertEquals("503", refused.get("status"), refused::toString);
      assertEquals("try later", refused.get("body"));
      assertEquals("7", refused.get("header.x-retry-in"));
      assertEquals("fault", refused.get("header.x-kit-refused"));
    }
    Map<String, String> failing = ClientCalls.call(app.port(), client, "GET",
        "http://localhost:" + refusedServer.port() + "/items?secret=1");
    assertEquals("java.io.IOException", failing.get("error"), failing::toString);
    assertTrue(failing.get("message").contains("refused by kit-agent fault: abort injected: GET http://localhost:"),
        failing::toString);
    assertTrue(!failing.get("message").contains("secret"), "no query in the message: " + failing);
    Map<String, String> open = ClientCalls.call(app.port(), client, "GET",
        "http://127.0.0.1:" + openServer.port() + "/items");
    assertEquals("200", open.get("status"), open::toString);

    assertEquals(reached, refusedServer.requests().get(), "nothing reached the refused service's server");
    PrometheusText after = AdminMetrics.scrapeUntil(app.adminPort(),
        text -> growth(before, text, COUNT, "host", "failing", "outcome", "REFUSED") == 1);
    assertEquals(1, growth(before, after, COUNT, "host", "refused", "outcome", "REFUSED",
        "status", client.equals("urlconnection") ? "IO_ERROR" : "503"));
    assertEquals(1, growth(before, after, COUNT, "host", "failing", "outcome", "REFUSED", "status", "IO_ERROR",
        "exception", "IOException"));
    assertEquals(0, growth(before, after, COUNT, "outcome", "REFUSED", "host", "127.0.0.1:" + openServer.port()));
    assertEquals(2, growth(before, after, "kit_fault_injected_total", "kind", "abort"));
  }

  static Stream<Arguments> serversOnEachJdk() {
    return Jdks.forTests().stream().flatMap(jdk -> Stream.of(
        Arguments.of(jdk, "orders", "/orders", "com.example.orders.OrderService"),
        Arguments.of(jdk, "jetty-orders", "/shop/orders", "com.example.jetty.OrdersServlet"),
        Arguments.of(jdk, "tomcat-orders", "/shop/orders", "com.example.tomcat.OrdersServlet")));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("serversOnEachJdk")
  void anAbortedRequestIsAnsweredAsConfiguredAndTheHandlerNeverRuns(Jdk jdk, String server, String path,
      String handler) {
    RunningApp app = shared.start(TestApp.named(server).on(jdk).withAgent(config(server + "-" + jdk.feature(), """
        service: shop
        agent: { admin: { address: "127.0.0.1:0" } }
        http:
          server:
            metrics: true
            fault: { abort: { percent: 100 } }
            onReject: { status: 503, headers: { X-Retry-In: "3" }, body: "server says no" }
        methods:
          - match: %s#*
            metrics: true
        """.formatted(handler))));

    HttpResponse<String> post = Http.post(app.port(), path + "?item=book");
    HttpResponse<String> get = Http.get(app.port(), path);

    for (HttpResponse<String> response : java.util.List.of(post, get)) {
      assertEquals(503, response.statusCode());
      assertEquals("server says no", response.body());
      assertEquals("3", response.headers().firstValue("X-Retry-In").orElse(null));
      assertEquals("fault", response.headers().firstValue("X-Kit-Refused").orElse(null));
    }
    PrometheusText metrics = AdminMetrics.scrapeUntil(app.adminPort(),
        text -> AdminMetrics.sum(text, "http_server_requests_seconds_count", "outcome", "REFUSED") == 2);
    assertEquals(2, AdminMetrics.sum(metrics, "http_server_requests_seconds_count", "outcome", "REFUSED",
        "status", "503"));
    assertEquals(0, AdminMetrics.sum(metrics, "kit_method_seconds_count", "class", handler),
        "the handler's own methods never ran");
  }

  private static Path config(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
