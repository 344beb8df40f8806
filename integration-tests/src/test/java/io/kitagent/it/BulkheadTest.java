package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulkhead:} with more concurrent callers than places: on a method, only as many run at once
 * as it allows and the rest are refused; on {@code http.server}, the extra requests are answered 503.
 * {@code /agent/bulkheads} and {@code /metrics} show it.
 */
class BulkheadTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @Test
  void aMethodBulkheadRunsAtMostItsPlacesAtOnceAndRefusesTheRest() throws Exception {
    Path config = Files.writeString(dir.resolve("targets.yaml"), """
        service: targets
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        methods:
          - match: com.example.targets.Targets#busy
            bulkhead: { maxConcurrentCalls: 3 }
            onReject: { throw: java.lang.IllegalStateException, message: "full" }
        """);
    RunningApp app = apps.start(TestApp.named("fault-targets").withAgent(config).args("crowd", "8", "1000"));
    Map<String, String> result = Logfmt.parse(app.awaitStdout(line -> line.startsWith("crowd "))
        .substring("crowd ".length()));

    assertEquals("3", result.get("admitted"), result::toString);
    assertEquals("5", result.get("refused"), result::toString);
    assertEquals("3", result.get("most_at_once"), result::toString);
    String site = "com.example.targets.Targets#busy";
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertEquals(3.0, metrics.value("resilience4j_bulkhead_available_concurrent_calls", "name", site),
        "every place is given back");
    assertEquals(3.0, metrics.value("resilience4j_bulkhead_max_allowed_concurrent_calls", "name", site));
    String view = Http.get(app.adminPort(), "/agent/bulkheads").body();
    assertTrue(view.contains("\"" + site + "\":{\"max_concurrent_calls\":3,\"available_concurrent_calls\":3}"),
        view);
  }

  @Test
  void anInboundBulkheadAnswers503ToTheRequestsOverItsPlaces() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        http:
          server:
            metrics: true
            bulkhead: { maxConcurrentCalls: 2 }
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));

    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      requests.add(CompletableFuture.supplyAsync(() -> Http.post(orders.port(), "/orders?item=book&delayMs=1500")));
    }
    List<Integer> statuses = requests.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted()
        .toList();
    assertEquals(List.of(201, 201, 503, 503), statuses);
    HttpResponse<String> refused = requests.stream().map(CompletableFuture::join)
        .filter(response -> response.statusCode() == 503).findFirst().orElseThrow();
    assertEquals("bulkhead", refused.headers().firstValue("X-Kit-Refused").orElseThrow());
    assertTrue(refused.body().contains("bulkhead inbound is full"), refused.body());
  }
}
