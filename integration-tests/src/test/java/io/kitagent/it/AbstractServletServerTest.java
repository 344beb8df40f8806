package io.kitagent.it;

import static io.kitagent.it.harness.AdminMetrics.growth;
import static io.kitagent.it.harness.AdminMetrics.labels;
import static io.kitagent.it.harness.HttpEvents.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.HttpEvents;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.SharedApps;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviours every Servlet container must show under {@code http.server}, checked on a test-app
 * that serves the same Servlets and filter (context {@code /shop}) on that container: one event and
 * one count per request under the servlet mapping as route, a filter's own answer and an async
 * request recorded once, and the same responses as without the agent. A subclass names the app. The
 * app of one JDK is shared by the tests, which compare with a scrape and an output position taken as
 * they begin.
 */
abstract class AbstractServletServerTest {

  @RegisterExtension
  static final SharedApps shared = new SharedApps();

  @TempDir
  static Path dir;

  static final String JDKS = "io.kitagent.it.harness.Jdks#forTests";
  static final String COUNT = "http_server_requests_seconds_count";
  private static final String CONFIG = """
      service: shop
      agent: { admin: { address: "127.0.0.1:0" } }
      logging: { level: debug }
      http:
        server: true
      """;

  record Shop(RunningApp app, int port, int adminPort) {
    PrometheusText scrape() {
      return AdminMetrics.scrape(adminPort);
    }

    /** A scrape once {@code requests} more requests are counted than in {@code before}: an event may come first. */
    PrometheusText scrapeAfter(PrometheusText before, int requests) {
      return AdminMetrics.scrapeUntil(adminPort, text -> growth(before, text, COUNT) >= requests);
    }

    /** Waits for {@code count} servlet events from output position {@code from} on, and returns those. */
    List<String> awaitEvents(int from, int count) {
      int earlier = (int) app.stdout().subList(0, from).stream().filter(AbstractServletServerTest::isServletEvent).count();
      app.awaitStdout(AbstractServletServerTest::isServletEvent, earlier + count);
      List<String> out = app.stdout();
      return out.subList(from, out.size()).stream().filter(AbstractServletServerTest::isServletEvent).toList();
    }
  }

  private static boolean isServletEvent(String line) {
    return HttpEvents.isServerEvent(line, "servlet");
  }

  /** The test-app, e.g. {@code jetty-orders}. */
  abstract String app();

  Shop withAgent(Jdk jdk) {
    return shared.get(app() + " on " + jdk, apps -> {
      RunningApp shop = apps.start(TestApp.named(app()).on(jdk).withAgent(config(app() + "-" + jdk.feature())));
      shop.awaitStderr(l -> l.startsWith(HttpEvents.WOVEN));
      return new Shop(shop, shop.port(), shop.adminPort());
    });
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void ordersRequestsAreLoggedAndCountedUnderTheServletMappingRoute(Jdk jdk) {
    Shop shop = withAgent(jdk);
    PrometheusText before = shop.scrape();
    int from = shop.app().stdout().size();

    HttpResponse<String> created = Http.post(shop.port(), "/shop/orders?item=book");
    assertEquals(201, created.statusCode());
    String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    assertEquals(200, Http.get(shop.port(), "/shop/orders/" + id).statusCode());
    assertEquals(404, Http.get(shop.port(), "/shop/orders/nope").statusCode());
    assertEquals(500, Http.post(shop.port(), "/shop/orders?item=pen&fail=true").statusCode());

    List<String> lines = shop.awaitEvents(from, 4);
    assertEquals(HttpEvents.inAnyOrder(List.of(
        event("info", "POST", "/shop/orders", "/shop/orders/*", "201", "SUCCESS"),
        event("info", "GET", "/shop/orders/" + id, "/shop/orders/*", "200", "SUCCESS"),
        event("info", "GET", "/shop/orders/nope", "/shop/orders/*", "404", "CLIENT_ERROR"),
        event("warn", "POST", "/shop/orders", "/shop/orders/*", "500", "SERVER_ERROR"))),
        HttpEvents.essentialsInAnyOrder(lines));
    assertTrue(lines.stream().allMatch(l -> l.contains(" service=shop ")), lines.toString());

    PrometheusText after = shop.scrapeAfter(before, 4);
    String[] orders = {"service", "shop", "route", "/shop/orders/*", "uri", "/shop/orders/*", "exception", "none"};
    assertEquals(1, growth(before, after, COUNT, labels(orders, "method", "POST", "status", "201", "outcome", "SUCCESS")));
    assertEquals(1, growth(before, after, COUNT, labels(orders, "method", "GET", "status", "200", "outcome", "SUCCESS")));
    assertEquals(1, growth(before, after, COUNT, labels(orders, "method", "GET", "status", "404", "outcome", "CLIENT_ERROR")));
    assertEquals(1, growth(before, after, COUNT, labels(orders, "method", "POST", "status", "500", "outcome", "SERVER_ERROR")));
    assertEquals(4, growth(before, after, COUNT), "each request counted once: " + after.find(COUNT));
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void aServletThatThrowsIsRecordedAsA500WithItsException(Jdk jdk) {
    Shop shop = withAgent(jdk);
    PrometheusText before = shop.scrape();
    int from = shop.app().stdout().size();

    assertEquals(500, Http.get(shop.port(), "/shop/boom").statusCode());

    List<String> lines = shop.awaitEvents(from, 1);
    assertEquals(List.of(expected("level", "error", "library", "servlet", "method", "GET", "path", "/shop/boom",
        "route", "/shop/boom", "status", "500", "outcome", "SERVER_ERROR", "exception", "java.lang.IllegalStateException",
        "error", "boom")), lines.stream().map(HttpEvents::essentials).toList());
    PrometheusText after = shop.scrapeAfter(before, 1);
    assertEquals(1, growth(before, after, COUNT, "service", "shop", "route", "/shop/boom", "uri", "/shop/boom",
        "method", "GET", "status", "500", "outcome", "SERVER_ERROR", "exception", "IllegalStateException"),
        after.find(COUNT).toString());
    assertEquals(1, growth(before, after, COUNT), "counted once: " + after.find(COUNT));
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void anExactServletMappingIsItsOwnRoute(Jdk jdk) {
    Shop shop = withAgent(jdk);
    PrometheusText before = shop.scrape();
    int from = shop.app().stdout().size();

    assertEquals(200, Http.get(shop.port(), "/shop/health").statusCode());

    List<String> lines = shop.awaitEvents(from, 1);
    assertEquals(List.of(event("info", "GET", "/shop/health", "/shop/health", "200", "SUCCESS")),
        HttpEvents.essentialsInAnyOrder(lines));
    PrometheusText after = shop.scrapeAfter(before, 1);
    assertEquals(1, growth(before, after, COUNT, "service", "shop", "route", "/shop/health", "uri", "/shop/health",
        "method", "GET", "status", "200", "outcome", "SUCCESS", "exception", "none"), after.find(COUNT).toString());
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void aFiltersOwnAnswerIsRecordedOnceUnderTheRouteItWasMappedTo(Jdk jdk) {
    Shop shop = withAgent(jdk);
    PrometheusText before = shop.scrape();
    int from = shop.app().stdout().size();

    assertEquals(403, Http.get(shop.port(), "/shop/orders/1?block=true").statusCode());
    assertEquals(200, Http.get(shop.port(), "/shop/health").statusCode());

    List<String> lines = shop.awaitEvents(from, 2);
    assertEquals(HttpEvents.inAnyOrder(List.of(
        event("info", "GET", "/shop/orders/1", "/shop/orders/*", "403", "CLIENT_ERROR"),
        event("info", "GET", "/shop/health", "/shop/health", "200", "SUCCESS"))),
        HttpEvents.essentialsInAnyOrder(lines));
    PrometheusText after = shop.scrapeAfter(before, 2);
    assertEquals(1, growth(before, after, COUNT, "service", "shop", "route", "/shop/orders/*",
        "uri", "/shop/orders/*", "method", "GET", "status", "403", "outcome", "CLIENT_ERROR", "exception", "none"),
        after.find(COUNT).toString());
    assertEquals(2, growth(before, after, COUNT), "each request counted once: " + after.find(COUNT));
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void anAsynchronousRequestIsRecordedOnceWhenItCompletesWithItsStatusAndDuration(Jdk jdk) {
    Shop shop = withAgent(jdk);
    PrometheusText before = shop.scrape();
    int from = shop.app().stdout().size();

    assertEquals(202, Http.get(shop.port(), "/shop/report?delayMs=300").statusCode());
    // A later request's event shows that no second event of the first one is still to come.
    assertEquals(200, Http.get(shop.port(), "/shop/health").statusCode());

    List<String> lines = shop.awaitEvents(from, 2);
    List<String> reports = lines.stream().filter(l -> l.contains(" route=/shop/report ")).toList();
    assertEquals(List.of(event("info", "GET", "/shop/report", "/shop/report", "202", "SUCCESS")),
        HttpEvents.essentialsInAnyOrder(reports));
    double millis = Double.parseDouble(reports.get(0).replaceAll(".* duration_ms=([0-9.]+).*", "$1"));
    assertTrue(millis >= 300, "timed until the answer, not until service() returned: " + reports.get(0));
    PrometheusText after = shop.scrapeAfter(before, 2);
    assertEquals(1, growth(before, after, COUNT, "service", "shop", "route", "/shop/report", "uri", "/shop/report",
        "method", "GET", "status", "202", "outcome", "SUCCESS", "exception", "none"), after.find(COUNT).toString());
    assertEquals(2, growth(before, after, COUNT), "each request counted once: " + after.find(COUNT));
  }

  /** Two fresh apps, so that both hand out the same order ids. */
  @ParameterizedTest
  @MethodSource(JDKS)
  void responsesAreTheSameWithAndWithoutTheAgent(Jdk jdk) {
    RunningApp plain = shared.start(TestApp.named(app()).on(jdk));
    RunningApp agent = shared.start(TestApp.named(app()).on(jdk).withAgent(config(app() + "-compared-" + jdk.feature())));
    agent.awaitStderr(l -> l.startsWith(HttpEvents.WOVEN));
    String[][] requests = {{"POST", "/shop/orders?item=book"}, {"GET", "/shop/orders/1"}, {"GET", "/shop/orders/nope"},
        {"POST", "/shop/orders?item=pen&fail=true"}, {"POST", "/shop/orders?item=pen&delayMs=20"}, {"GET", "/shop/boom"},
        {"GET", "/shop/health"}, {"GET", "/shop/orders/1?block=true"}, {"GET", "/shop/report?delayMs=20"}};
    List<String> withAgent = new ArrayList<>();
    List<String> withoutAgent = new ArrayList<>();

    for (String[] request : requests) {
      withAgent.add(answer(agent.port(), request[0], request[1]));
      withoutAgent.add(answer(plain.port(), request[0], request[1]));
    }

    assertTrue(withoutAgent.get(0).startsWith("201 "), withoutAgent.get(0));
    assertTrue(withoutAgent.get(5).contains("IllegalStateException: boom"), withoutAgent.get(5));
    assertTrue(withoutAgent.get(7).startsWith("403 "), withoutAgent.get(7));
    assertEquals(withoutAgent, withAgent);
    agent.awaitStdout(l -> l.contains(" path=/shop/report "));
  }

  /**
   * Status, content type, X- headers and body; in the containers' error pages the app's own port
   * written as PORT and Tomcat's version line as {@code Apache Tomcat/VERSION}.
   */
  private static String answer(int port, String method, String path) {
    HttpResponse<String> response = Http.send(method, port, path);
    StringBuilder out = new StringBuilder().append(response.statusCode()).append(' ');
    response.headers().map().forEach((name, values) -> {
      if (name.equalsIgnoreCase("content-type") || name.toLowerCase().startsWith("x-")) {
        out.append(name.toLowerCase()).append('=').append(values).append(' ');
      }
    });
    return out.append(response.body().replace(":" + port + "/", ":PORT/")
        .replaceAll("Apache Tomcat/[0-9A-Za-z.\\-]+", "Apache Tomcat/VERSION")).toString();
  }

  static Map<String, String> event(String level, String method, String path, String route, String status,
      String outcome) {
    return expected("level", level, "library", "servlet", "method", method, "path", path, "route", route,
        "status", status, "outcome", outcome);
  }

  private static Path config(String name) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
