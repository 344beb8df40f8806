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

/** Without an {@code http:} section the agent weaves no HTTP class and records no request. */
class HttpOffByDefaultTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @Test
  void withoutAnHttpSectionNoRequestIsLoggedOrCountedAndNoHttpClassIsWoven() throws Exception {
    int ordersPort = apps.start(TestApp.named("orders")).port();
    // services: alone does not switch HTTP on. Each client's send is logged as a method event instead:
    // its line is written after the request's own event would have been.
    RunningApp clients = apps.start(TestApp.named("http-clients").withAgent(Files.writeString(dir.resolve("clients.yaml"), """
        service: clients
        agent: { admin: { address: "127.0.0.1:0" } }
        logging: { level: debug }
        services:
          orders: { hosts: ["127.0.0.1:%d"] }
        methods:
          - match: com.example.clients.*Client#send
            log: true
        """.formatted(ordersPort))));
    int port = clients.port();

    for (String client : ClientCalls.CLIENTS) {
      Map<String, String> report = ClientCalls.call(port, client, "POST", "http://127.0.0.1:" + ordersPort + "/orders?item=book");
      assertEquals("201", report.get("status"), client + ": " + report);
    }
    clients.awaitStdout(l -> Logfmt.isMethodEvent(l, "send"), ClientCalls.CLIENTS.size());
    PrometheusText metrics = AdminMetrics.scrapeUntil(clients.adminPort(), t -> !t.find("jvm_memory_used_bytes").isEmpty());

    assertFalse(clients.stdout().stream().anyMatch(HttpEvents::isHttpEvent), clients.describe());
    assertTrue(metrics.samples().stream().noneMatch(s -> s.name().startsWith("http_client_requests")
        || s.name().startsWith("http_server_requests")), metrics.samples().toString());
    assertTrue(clients.stderr().stream().anyMatch(l -> l.startsWith("kit-agent: DEBUG")), "debug is on: " + clients.describe());
    assertFalse(clients.stderr().stream().anyMatch(l -> l.contains("weaving HTTP classes")), clients.describe());
  }
}
