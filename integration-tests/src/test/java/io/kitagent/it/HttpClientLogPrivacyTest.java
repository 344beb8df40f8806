package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.HttpEvents;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outgoing request's event shows of its URL: never the userinfo ({@code user:password@}), and
 * the query string only with {@code log: {query: true}}. OkHttp takes URLs with userinfo.
 */
class HttpClientLogPrivacyTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private int ordersPort;

  /** The event of one POST through OkHttp to the orders app, with a password and a token in its URL. */
  private String postWithSecrets(String httpSection) throws Exception {
    ordersPort = apps.start(TestApp.named("orders")).port();
    RunningApp clients = apps.start(TestApp.named("http-clients").withAgent(Files.writeString(dir.resolve("clients.yaml"), """
        service: clients
        agent: { admin: { address: "127.0.0.1:0" } }
        logging: { level: debug }
        %s
        services:
          orders: { hosts: ["127.0.0.1:%d"] }
        """.formatted(httpSection, ordersPort))));
    clients.awaitStderr(l -> l.startsWith(HttpEvents.WOVEN));

    Map<String, String> report = ClientCalls.call(clients.port(), "okhttp", "POST",
        "http://user:secret@127.0.0.1:" + ordersPort + "/orders?item=book&token=abc");

    assertEquals("201", report.get("status"), report.toString());
    String line = clients.awaitStdout(l -> HttpEvents.isClientEvent(l, "okhttp"));
    PrometheusText metrics = AdminMetrics.scrapeUntil(clients.adminPort(),
        text -> AdminMetrics.sum(text, "http_client_requests_seconds_count") >= 1);
    assertEquals(1, metrics.value("http_client_requests_seconds_count", "host", "orders", "status", "201"));
    assertTrue(metrics.samples().stream().flatMap(s -> s.labels().values().stream()).noneMatch(v -> v.contains("secret")));
    return line;
  }

  @Test
  void theLoggedUrlHasNeitherUserinfoNorQuery() throws Exception {
    String line = postWithSecrets("http: { client: true }");

    assertEquals("http://127.0.0.1:" + ordersPort + "/orders", Logfmt.parse(line).get("url"), line);
    assertEquals("orders", Logfmt.parse(line).get("host"), line);
    assertFalse(line.contains("secret"), line);
    assertFalse(line.contains("user:"), line);
    assertFalse(line.contains("token=abc"), line);
  }

  @Test
  void withQueryOnTheQueryIsLoggedButStillNoUserinfo() throws Exception {
    String line = postWithSecrets("http: { client: { log: { query: true }, metrics: true } }");

    assertEquals("http://127.0.0.1:" + ordersPort + "/orders?item=book&token=abc", Logfmt.parse(line).get("url"), line);
    assertFalse(line.contains("secret"), line);
    assertFalse(line.contains("user:"), line);
  }
}
