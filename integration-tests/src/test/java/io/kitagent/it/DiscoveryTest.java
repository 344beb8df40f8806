package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.Downstream;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.SharedApps;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Requests to a logical host ({@code http://inventory/...}) go to the instances of a static list, on
 * every client path; the power-of-two balancer keeps a slow instance and one answering 429 under a
 * tenth of the requests; the instances are in {@code /agent/discovery} and {@code /metrics}.
 */
class DiscoveryTest {

  @RegisterExtension
  static final SharedApps shared = new SharedApps();

  @TempDir
  static Path dir;

  static final List<String> CLIENTS = ClientCalls.CLIENTS;

  private record Setup(RunningApp clients, Downstream a, Downstream b, Downstream c) {}

  private static Setup setup() {
    return shared.get("setup", apps -> {
      Downstream a = Downstream.start(apps, "a", 0);
      Downstream b = Downstream.start(apps, "b", 0);
      Downstream c = Downstream.start(apps, "c", 0);
      String instances = "127.0.0.1:%d, 127.0.0.1:%d, 127.0.0.1:%d".formatted(a.port(), b.port(), c.port());
      RunningApp clients = apps.start(TestApp.named("http-clients").withAgent(config("clients", """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          metrics: { jvm: false }
          http:
            client: { log: true }
          services:
            inventory:
              resolve: static
              instances: [%1$s]
              balancer: round-robin
            slow-catalog:
              resolve: static
              instances: [%1$s]
            busy-catalog:
              resolve: static
              instances: [%1$s]
          """.formatted(instances))));
      clients.port();
      return new Setup(clients, a, b, c);
    });
  }

  @ParameterizedTest
  @FieldSource("CLIENTS")
  void aLogicalHostIsSentToEachInstanceInTurn(String client) {
    Setup setup = setup();
    RunningApp app = setup.clients();
    long[] before = {setup.a().count(), setup.b().count(), setup.c().count()};
    for (int i = 0; i < 6; i++) {
      Map<String, String> report = ClientCalls.call(app.port(), client, "GET", "http://inventory/items?page=" + i);
      assertEquals("200", report.get("status"), report::toString);
      assertTrue(report.get("body").startsWith("ok from "), report::toString);
    }
    assertEquals(2, setup.a().count() - before[0], "round robin: two each");
    assertEquals(2, setup.b().count() - before[1]);
    assertEquals(2, setup.c().count() - before[2]);
    assertTrue(app.stdout().stream().map(Logfmt::parse).anyMatch(event -> "http.client".equals(event.get("event"))
        && ClientCalls.library(client).equals(event.get("library")) && "inventory".equals(event.get("host"))
        && event.get("url").startsWith("http://inventory/items") && event.getOrDefault("instance", "").startsWith("127.0.0.1:")),
        "the request is logged under the service's name and its logical URL, with the instance it went to");
  }

  @Test
  void powerOfTwoKeepsASlowInstanceAndOneAnsweringUnderLoadUnderATenth() {
    Setup setup = setup();
    RunningApp app = setup.clients();
    for (int i = 0; i < 30; i++) { // connections and code warm, so that no instance's first answer is slow for that
      ClientCalls.call(app.port(), "jdk", "GET", "http://inventory/items");
    }
    assertUnderATenth(app, setup.c(), "slow-catalog", () -> setup.c().slow(200));
    assertUnderATenth(app, setup.c(), "busy-catalog", () -> setup.c().fail(429));

    String view = Http.get(app.adminPort(), "/agent/discovery").body();
    assertTrue(view.contains("\"slow-catalog\"") && view.contains("\"source\":\"static\"")
        && view.contains("127.0.0.1:" + setup.c().port()), view);
    assertEquals(3.0, AdminMetrics.scrape(app.adminPort()).value("kit_discovery_instances", "service", "busy-catalog",
        "source", "static"));
  }

  /** Requests to {@code service} (power of two, the default) while instance {@code bad} is made bad. */
  private static void assertUnderATenth(RunningApp app, Downstream bad, String service, Runnable makeBad) {
    makeBad.run();
    try {
      long before = bad.count();
      int requests = 60;
      for (int i = 0; i < requests; i++) {
        ClientCalls.call(app.port(), "jdk", "GET", "http://" + service + "/items");
      }
      long toBad = bad.count() - before;
      assertTrue(toBad < requests / 10, service + ": the bad instance got " + toBad + " of " + requests);
    } finally {
      bad.ok();
    }
  }

  private static Path config(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
