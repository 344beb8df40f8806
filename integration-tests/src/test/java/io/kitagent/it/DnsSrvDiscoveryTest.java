package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.Dnsmasq;
import io.kitagent.it.harness.Downstream;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SRV records served by a real dnsmasq with different priorities and weights: requests to the
 * service's logical name go only to the targets of the lowest priority, spread by weight.
 */
class DnsSrvDiscoveryTest {

  private static final String RECORD = "_http._tcp.inventory.service.local";

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @Test
  void onlyTheLowestPriorityIsUsedSpreadByWeight() throws IOException {
    Downstream a = Downstream.start(apps, "a", 0);
    Downstream b = Downstream.start(apps, "b", 0);
    Downstream backup = Downstream.start(apps, "backup", 0);
    try (Dnsmasq dns = Dnsmasq.start(5, RECORD + ",127.0.0.1," + a.port() + ",10,1",
        RECORD + ",127.0.0.1," + b.port() + ",10,3", RECORD + ",127.0.0.1," + backup.port() + ",20,100")) {
      RunningApp app = apps.start(TestApp.named("http-clients").withAgent(Files.writeString(dir.resolve("clients.yaml"), """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          metrics: { jvm: false }
          discovery:
            dns: { server: "%s" }
          services:
            inventory: { resolve: dns-srv, record: %s, balancer: weighted }
          """.formatted(dns.server(), RECORD))));

      int requests = 200;
      for (int i = 0; i < requests; i++) {
        assertEquals("200", ClientCalls.call(app.port(), "okhttp", "GET", "http://inventory/items").get("status"));
      }
      assertEquals(0, backup.count(), "a higher priority number is a backup, not used while the lowest has targets");
      double bShare = b.count() / (double) requests;
      assertEquals(0.75, bShare, 0.1, "weights 1 and 3: a " + a.count() + ", b " + b.count());
      assertEquals(requests, a.count() + b.count());
      assertEquals(2.0, AdminMetrics.scrape(app.adminPort()).value("kit_discovery_instances", "service", "inventory",
          "source", "dns-srv"));
      String view = Http.get(app.adminPort(), "/agent/discovery").body();
      assertTrue(view.contains("\"source\":\"dns-srv\"") && view.contains("\"weight\":300"), view);
    }
  }
}
