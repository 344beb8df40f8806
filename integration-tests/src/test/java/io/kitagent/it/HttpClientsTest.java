package io.kitagent.it;

import static io.kitagent.it.harness.AdminMetrics.growth;
import static io.kitagent.it.harness.AdminMetrics.labels;
import static io.kitagent.it.harness.HttpEvents.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.HttpEvents;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Jdks;
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
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outgoing requests through every client of the http-clients test-app under {@code http.client}: one
 * event and one count per request, with its library, URL, service name and outcome; and the app gets
 * the same answers and failures as without the agent. The apps of one JDK are started once and shared
 * by all the clients, so each test compares with a scrape and an output position taken as it begins.
 */
class HttpClientsTest {

  @RegisterExtension
  static final SharedApps shared = new SharedApps();

  @TempDir
  static Path dir;

  private static final String REFUSED = "http://127.0.0.1:1/x";
  private static final String COUNT = "http_client_requests_seconds_count";

  static Stream<Arguments> clientsOnEachJdk() {
    return Jdks.forTests().stream().flatMap(jdk -> ClientCalls.CLIENTS.stream().map(client -> Arguments.of(jdk, client)));
  }

  static Stream<Arguments> asyncClientsOnEachJdk() {
    return Jdks.forTests().stream().flatMap(jdk -> Stream.of("jdk-async", "okhttp-async").map(client -> Arguments.of(jdk, client)));
  }

  /** A clients app under the agent, and the orders app it calls, which the config names {@code orders}. */
  private record Recorded(RunningApp clients, int clientsPort, int adminPort, String orders) {
    Map<String, String> call(String client, String method, String url) {
      return ClientCalls.call(clientsPort, client, method, url);
    }

    PrometheusText scrape() {
      return AdminMetrics.scrape(adminPort);
    }
  }

  private static Recorded recorded(Jdk jdk) {
    return shared.get("recorded on " + jdk, apps -> {
      int ordersPort = apps.start(TestApp.named("orders").on(jdk)).port();
      RunningApp clients = apps.start(TestApp.named("http-clients").on(jdk).withAgent(config("recorded-" + jdk.feature(), """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          logging: { level: debug }
          http:
            client: true
          services:
            orders: { hosts: ["127.0.0.1:%d"] }
          """.formatted(ordersPort))));
      clients.awaitStderr(l -> l.startsWith(HttpEvents.WOVEN));
      return new Recorded(clients, clients.port(), clients.adminPort(), "http://127.0.0.1:" + ordersPort);
    });
  }

  /**
   * Two clients apps, under the agent and without it, each calling its own orders app; the two orders
   * apps get the same requests in the same order, so they answer the same order ids.
   */
  private record Compared(int withAgent, String ordersOfWithAgent, int withoutAgent, String ordersOfWithoutAgent) {}

  private static Compared compared(Jdk jdk) {
    return shared.get("compared on " + jdk, apps -> {
      RunningApp ordersA = apps.start(TestApp.named("orders").on(jdk));
      RunningApp ordersB = apps.start(TestApp.named("orders").on(jdk));
      RunningApp plain = apps.start(TestApp.named("http-clients").on(jdk));
      RunningApp agent = apps.start(TestApp.named("http-clients").on(jdk).withAgent(config("compared-" + jdk.feature(), """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          logging: { level: debug }
          http:
            client: true
            server: true
          """)));
      agent.awaitStderr(l -> l.startsWith(HttpEvents.WOVEN));
      return new Compared(agent.port(), "http://127.0.0.1:" + ordersA.port(),
          plain.port(), "http://127.0.0.1:" + ordersB.port());
    });
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("clientsOnEachJdk")
  void eachRequestIsLoggedOnceAndCountedOnceWithItsLibraryUrlHostAndOutcome(Jdk jdk, String client) {
    Recorded app = recorded(jdk);
    String library = ClientCalls.library(client);
    String orders = app.orders();
    PrometheusText before = app.scrape();
    int from = app.clients().stdout().size();

    Map<String, String> created = app.call(client, "POST", orders + "/orders?item=book");
    Map<String, String> missing = app.call(client, "GET", orders + "/orders/nope");
    Map<String, String> failed = app.call(client, "POST", orders + "/orders?item=pen&fail=true");
    Map<String, String> refused = app.call(client, "GET", REFUSED);

    assertEquals("201", created.get("status"), created.toString());
    assertEquals("404", missing.get("status"), missing.toString());
    assertEquals("500", failed.get("status"), failed.toString());
    assertEquals(ClientCalls.connectionRefused(client), refused.get("error"), refused.toString());
    List<String> lines = eventsUpToMarker(app, client, from);
    String message = refused.get("message").isEmpty() ? null : refused.get("message");
    List<Map<String, String>> expected = List.of(
        expected("level", "info", "library", library, "method", "POST", "url", orders + "/orders", "host", "orders",
            "status", "201", "outcome", "SUCCESS"),
        expected("level", "info", "library", library, "method", "GET", "url", orders + "/orders/nope", "host", "orders",
            "status", "404", "outcome", "CLIENT_ERROR"),
        expected("level", "warn", "library", library, "method", "POST", "url", orders + "/orders", "host", "orders",
            "status", "500", "outcome", "SERVER_ERROR"),
        expected("level", "error", "library", library, "method", "GET", "url", REFUSED, "host", "127.0.0.1:1",
            "outcome", "UNKNOWN", "exception", refused.get("error"), "error", message),
        expected("level", "info", "library", library, "method", "GET", "url", orders + "/orders", "host", "orders",
            "status", "200", "outcome", "SUCCESS"));
    assertEquals(HttpEvents.inAnyOrder(expected), HttpEvents.essentialsInAnyOrder(lines), "one event per request");
    for (String line : lines) {
      Map<String, String> event = Logfmt.parse(line);
      assertEquals("clients", event.get("service"), line);
      assertTrue(event.get("duration_ms").matches("\\d+\\.\\d{3}"), line);
    }

    PrometheusText after = AdminMetrics.scrapeUntil(app.adminPort(), text -> growth(before, text, COUNT) >= 5);
    String[] orderTags = {"service", "clients", "host", "orders", "exception", "none"};
    assertEquals(1, growth(before, after, COUNT, labels(orderTags, "method", "POST", "status", "201", "outcome", "SUCCESS")));
    assertEquals(1, growth(before, after, COUNT, labels(orderTags, "method", "GET", "status", "404", "outcome", "CLIENT_ERROR")));
    assertEquals(1, growth(before, after, COUNT, labels(orderTags, "method", "POST", "status", "500", "outcome", "SERVER_ERROR")));
    assertEquals(1, growth(before, after, COUNT, labels(orderTags, "method", "GET", "status", "200", "outcome", "SUCCESS")));
    String exception = refused.get("error").substring(refused.get("error").lastIndexOf('.') + 1);
    assertEquals(1, growth(before, after, COUNT, "service", "clients", "host", "127.0.0.1:1", "method", "GET",
        "status", "IO_ERROR", "outcome", "UNKNOWN", "exception", exception), after.find(COUNT).toString());
    assertEquals(5, growth(before, after, COUNT), "each request counted once: " + after.find(COUNT));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("asyncClientsOnEachJdk")
  void anAsyncRequestIsTimedUntilItsResponseArrives(Jdk jdk, String client) {
    Recorded app = recorded(jdk);
    Predicate<String> createdEvent = l -> HttpEvents.isClientEvent(l, ClientCalls.library(client))
        && l.contains(" method=POST ") && l.contains(" status=201 ");
    int seen = (int) app.clients().stdout().stream().filter(createdEvent).count();
    PrometheusText before = app.scrape();

    Map<String, String> report = app.call(client, "POST", app.orders() + "/orders?item=book&delayMs=400");

    assertEquals("201", report.get("status"), report.toString());
    List<String> events = app.clients().awaitStdout(createdEvent, seen + 1);
    Map<String, String> event = Logfmt.parse(events.get(events.size() - 1));
    assertTrue(Double.parseDouble(event.get("duration_ms")) >= 400, event.toString());
    PrometheusText after = AdminMetrics.scrapeUntil(app.adminPort(), text -> growth(before, text, COUNT) >= 1);
    String[] tags = {"service", "clients", "host", "orders", "method", "POST", "status", "201", "outcome", "SUCCESS",
        "exception", "none"};
    assertEquals(1, growth(before, after, COUNT, tags));
    double seconds = growth(before, after, "http_client_requests_seconds_sum", tags);
    assertTrue(seconds >= 0.4, "recorded " + seconds + " s");
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("clientsOnEachJdk")
  void theAppGetsTheSameAnswersAndFailuresWithAndWithoutTheAgent(Jdk jdk, String client) {
    Compared apps = compared(jdk);
    String[][] requests = {{"POST", "/orders?item=book"}, {"GET", "/orders/nope"}, {"POST", "/orders?item=pen&fail=true"},
        {"GET", null}};
    List<String> withAgent = new ArrayList<>();
    List<String> withoutAgent = new ArrayList<>();

    for (String[] request : requests) {
      String path = request[1];
      withAgent.add(ClientCalls.report(apps.withAgent(), client, request[0],
          path == null ? REFUSED : apps.ordersOfWithAgent() + path));
      withoutAgent.add(ClientCalls.report(apps.withoutAgent(), client, request[0],
          path == null ? REFUSED : apps.ordersOfWithoutAgent() + path));
    }

    assertTrue(withoutAgent.get(0).startsWith("status=201\n"), withoutAgent.get(0));
    assertTrue(withoutAgent.get(3).startsWith("error=" + ClientCalls.connectionRefused(client) + "\n"), withoutAgent.get(3));
    assertEquals(withoutAgent, withAgent);
  }

  /**
   * Sends one more request, GET /orders, with the same client and waits for its event: the agent writes
   * events in order on one queue, so by then every event of the earlier requests is out. Returns this
   * library's events from output position {@code from} on.
   */
  private static List<String> eventsUpToMarker(Recorded app, String client, int from) {
    String library = ClientCalls.library(client);
    Predicate<String> marker = l -> HttpEvents.isClientEvent(l, library)
        && l.contains(" method=GET url=" + app.orders() + "/orders host=") && l.contains(" status=200 ");
    int seen = (int) app.clients().stdout().stream().filter(marker).count();
    assertEquals("200", app.call(client, "GET", app.orders() + "/orders").get("status"));
    app.clients().awaitStdout(marker, seen + 1);
    List<String> out = app.clients().stdout();
    return out.subList(from, out.size()).stream().filter(l -> HttpEvents.isClientEvent(l, library)).toList();
  }

  private static Path config(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
