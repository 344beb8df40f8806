package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.HttpEvents;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Jdks;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing is lost at start-up: the first-requests app serves, and sends with HttpURLConnection, the JDK
 * HttpClient and OkHttp, as the first statements of {@code main}; every request is logged and measured
 * on both sides, in every one of many runs (a race with the weaving would show up as a missed one).
 */
class FirstRequestsTest {

  private static final int RUNS = 20;

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void theRequestsOfTheFirstStatementsOfMainAreRecordedOnBothSidesInEveryRun(Jdk jdk) throws Exception {
    Path config = Files.writeString(dir.resolve("first.yaml"), """
        service: first
        agent: { admin: { address: "127.0.0.1:0" } }
        http: { client: true, server: true }
        """);
    int runs = jdk.equals(Jdks.current()) ? RUNS : RUNS / 4;
    for (int run = 0; run < runs; run++) {
      try (RunningApp app = apps.start(TestApp.named("first-requests").on(jdk).withAgent(config))) {
        app.awaitStdout(line -> line.equals("done"));
        assertTrue(app.stdout().contains("urlconnection 200, jdk 200, okhttp 200"), app.describe());

        List<String> events = app.awaitStdout(HttpEvents::isHttpEvent, 6);
        Set<String> seen = events.stream().map(Logfmt::parse)
            .map(event -> event.get("event") + " " + event.getOrDefault("library", "") + " "
                + event.getOrDefault("path", event.getOrDefault("url", "").replaceAll("http://[^/]+", "")))
            .collect(Collectors.toSet());
        assertEquals(Set.of(
            "http.client urlconnection /urlconnection", "http.client jdk-httpclient /jdk", "http.client okhttp /okhttp",
            "http.server jdk-httpserver /urlconnection", "http.server jdk-httpserver /jdk",
            "http.server jdk-httpserver /okhttp"), seen, "run " + run + ": " + app.describe());
        PrometheusText metrics = AdminMetrics.scrapeUntil(app.adminPort(),
            text -> AdminMetrics.sum(text, "http_client_requests_seconds_count") == 3
                && AdminMetrics.sum(text, "http_server_requests_seconds_count") == 3);
        assertEquals(3, AdminMetrics.sum(metrics, "http_server_requests_seconds_count", "status", "200"));
      }
    }
  }
}
