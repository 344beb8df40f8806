package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Jdks;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code limiter:} on a method under four threads admits its rate within 5 %; on {@code http.server}
 * a burst is answered 429 with {@code Retry-After} and {@code RateLimit-*} headers while the handler
 * runs only for the admitted requests, and {@code by: header:X-Api-Key} gives each key its own bucket.
 */
class LimiterTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @Test
  void aMethodLimiterAdmitsItsRateWithinFivePercentUnderFourThreads() throws Exception {
    Path config = Files.writeString(dir.resolve("targets.yaml"), """
        service: targets
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        methods:
          - match: com.example.targets.Targets#limited
            metrics: true
            limiter: { limitForPeriod: 20, limitRefreshPeriod: 100ms }
            onReject: { throw: java.lang.IllegalStateException, message: "slow down" }
        """);
    RunningApp app = apps.start(TestApp.named("fault-targets").withAgent(config).args("hammer", "4", "5000"));
    Map<String, String> result = Logfmt.parse(app.awaitStdout(line -> line.startsWith("hammer ")).substring("hammer ".length()));

    long admitted = Long.parseLong(result.get("admitted"));
    long refused = Long.parseLong(result.get("refused"));
    double seconds = Long.parseLong(result.get("millis")) / 1000.0;
    double perSecond = admitted / seconds;
    assertTrue(Math.abs(perSecond - 200) <= 10, "admitted " + perSecond + "/s, expected 200/s within 5 %: " + result);
    assertTrue(refused > admitted, "four busy threads ask for far more than the limit: " + result);

    String site = "com.example.targets.Targets#limited";
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertEquals(admitted, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "limited", "outcome", "ok"));
    assertEquals(refused, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "limited",
        "outcome", "refused", "exception", "IllegalStateException"));
    assertTrue(metrics.value("resilience4j_ratelimiter_available_permissions", "name", site) <= 20, metrics::toString);
    assertEquals(0.0, metrics.value("resilience4j_ratelimiter_waiting_threads", "name", site));
  }

  static Stream<Arguments> serversOnEachJdk() {
    return Jdks.forTests().stream().flatMap(jdk -> Stream.of(
        Arguments.of(jdk, "orders", "", "com.example.orders.OrderService#placeOrder"),
        Arguments.of(jdk, "jetty-orders", "/shop", "com.example.jetty.OrdersServlet#doPost"),
        Arguments.of(jdk, "tomcat-orders", "/shop", "com.example.tomcat.OrdersServlet#doPost")));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("serversOnEachJdk")
  void aBurstIsAnswered429WithItsHeadersAndEachKeyHasItsOwnBucket(Jdk jdk, String server, String prefix,
      String handler) throws Exception {
    Path config = Files.writeString(dir.resolve(server + ".yaml"), """
        service: shop
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        http:
          server:
            metrics: true
            limiter:
              limitForPeriod: 5
              limitRefreshPeriod: 30s
              routes:
                "%s/orders/*": { limitForPeriod: 2, by: "header:X-Api-Key" }
        methods:
          - match: %s
            metrics: true
        """.formatted(prefix, handler));
    RunningApp app = apps.start(TestApp.named(server).on(jdk).withAgent(config));

    List<HttpResponse<String>> burst = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      burst.add(Http.post(app.port(), prefix + "/orders?item=book"));
    }
    List<HttpResponse<String>> refused = burst.stream().filter(r -> r.statusCode() == 429).toList();
    assertEquals(3, refused.size(), () -> burst.stream().map(HttpResponse::statusCode).toList().toString());
    for (HttpResponse<String> response : refused) {
      long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
      long reset = Long.parseLong(response.headers().firstValue("RateLimit-Reset").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
      assertTrue(reset >= 1 && reset <= 30, "RateLimit-Reset " + reset);
      assertEquals("5", response.headers().firstValue("RateLimit-Limit").orElseThrow());
      assertEquals("0", response.headers().firstValue("RateLimit-Remaining").orElseThrow());
      assertEquals("limiter", response.headers().firstValue("X-Kit-Refused").orElseThrow());
    }
    String method = handler.substring(handler.indexOf('#') + 1);
    PrometheusText metrics = AdminMetrics.scrapeUntil(app.adminPort(),
        text -> AdminMetrics.sum(text, "http_server_requests_seconds_count", "outcome", "REFUSED") == 3);
    assertEquals(5, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", method),
        "the handler ran for the admitted requests only");
    assertEquals(3, AdminMetrics.sum(metrics, "http_server_requests_seconds_count", "outcome", "REFUSED",
        "status", "429"));

    for (String key : List.of("a", "b")) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        statuses.add(Http.get(app.port(), prefix + "/orders/1", "X-Api-Key", key).statusCode());
      }
      assertEquals(2, statuses.stream().filter(status -> status == 429).count(), "key " + key + ": " + statuses);
      assertEquals(List.of(429, 429), statuses.subList(2, 4), "key " + key + ": " + statuses);
    }
    String view = Http.get(app.adminPort(), "/agent/limiters").body();
    assertTrue(view.contains("\"inbound\":{\"limit_for_period\":5,\"limit_refresh_period_ms\":30000,"
        + "\"available_permissions\":0,\"waiting_threads\":0}"), view);
    assertTrue(view.contains("\"inbound:" + prefix + "/orders/*\":{\"limit_for_period\":2,"
        + "\"limit_refresh_period_ms\":30000,\"buckets\":2,\"max_buckets\":10000,\"dropped_buckets\":0}"), view);
  }
}
