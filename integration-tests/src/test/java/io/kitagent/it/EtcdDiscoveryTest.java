package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.Downstream;
import io.kitagent.it.harness.Etcd;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's instances registered in a real etcd under a prefix: requests to its logical name spread
 * over them; a key removed takes its instance out within a second; with etcd stopped the last
 * instances keep serving, said stale in the log, {@code /health}, {@code /agent/discovery} and
 * {@code /metrics}; etcd started again brings updates back without restarting the application; with
 * no instance left a request fails at once, saying why.
 */
class EtcdDiscoveryTest {

  private static final String PREFIX = "/services/inventory/";

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @Test
  void instancesFollowEtcdAndOutliveIt() throws IOException {
    try (Etcd etcd = Etcd.start(dir)) {
      Downstream a = Downstream.start(apps, "a", 0);
      Downstream b = Downstream.start(apps, "b", 0);
      Downstream c = Downstream.start(apps, "c", 0);
      etcd.put(PREFIX + "a", "{\"address\": \"127.0.0.1\", \"port\": " + a.port() + ", \"tags\": [\"v1\"]}");
      etcd.put(PREFIX + "b", "127.0.0.1:" + b.port());
      etcd.put(PREFIX + "c", "{\"address\": \"127.0.0.1\", \"port\": " + c.port() + ", \"weight\": 1}");
      etcd.put("/services/inventory-other/x", "127.0.0.1:1"); // beside the prefix, not under it
      RunningApp app = apps.start(TestApp.named("http-clients").withAgent(Files.writeString(dir.resolve("clients.yaml"), """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          metrics: { jvm: false }
          discovery:
            etcd: { endpoints: ["%s"] }
          services:
            inventory: { resolve: etcd, key: %s, balancer: round-robin }
          """.formatted(etcd.endpoint(), PREFIX))));

      long[] before = {a.count(), b.count(), c.count()};
      for (int i = 0; i < 6; i++) {
        assertEquals("200", ClientCalls.call(app.port(), "okhttp", "GET", "http://inventory/items").get("status"));
      }
      assertEquals(2, a.count() - before[0], "round robin over the three registered");
      assertEquals(2, b.count() - before[1]);
      assertEquals(2, c.count() - before[2]);

      long removed = System.nanoTime();
      etcd.delete(PREFIX + "c");
      instances(app, 2.0);
      long tookMillis = (System.nanoTime() - removed) / 1_000_000;
      assertTrue(tookMillis < 1_000, "the watch took " + tookMillis + " ms");
      long cBefore = c.count();
      for (int i = 0; i < 6; i++) {
        assertEquals("200", ClientCalls.call(app.port(), "jdk", "GET", "http://inventory/items").get("status"));
      }
      assertEquals(cBefore, c.count(), "no request to the removed instance");

      etcd.stop();
      AdminMetrics.scrapeUntil(app.adminPort(), text ->
          text.value("kit_discovery_errors_total", "service", "inventory", "source", "etcd") > 0);
      for (int i = 0; i < 4; i++) {
        assertEquals("200", ClientCalls.call(app.port(), "apache5", "GET", "http://inventory/items").get("status"),
            "the last known instances keep serving");
      }
      String health = Http.get(app.adminPort(), "/health").body();
      assertTrue(health.contains("DEGRADED") && health.contains("etcd " + etcd.endpoint()), health);
      assertTrue(Http.get(app.adminPort(), "/agent/discovery").body().contains("\"stale\":true"));
      String staleEvent = app.awaitStdout(line -> "discovery".equals(Logfmt.parse(line).get("event")));
      assertEquals("stale", Logfmt.parse(staleEvent).get("state"), staleEvent);
      assertEquals("warn", Logfmt.parse(staleEvent).get("level"), staleEvent);

      etcd.startAgain();
      etcd.put(PREFIX + "c", "127.0.0.1:" + c.port());
      instances(app, 3.0);
      assertTrue(Http.get(app.adminPort(), "/agent/discovery").body().contains("\"stale\":false"));

      etcd.delete(PREFIX + "a");
      etcd.delete(PREFIX + "b");
      etcd.delete(PREFIX + "c");
      instances(app, 0.0);
      Map<String, String> refused = ClientCalls.call(app.port(), "jdk", "GET", "http://inventory/items");
      assertEquals("503", refused.get("status"), refused::toString);
      assertEquals("discovery", refused.get("header.x-kit-refused"), refused::toString);
      assertTrue(refused.get("body").contains("no instance of inventory: etcd has none under " + PREFIX), refused::toString);
    }
  }

  private static PrometheusText instances(RunningApp app, double count) {
    return AdminMetrics.scrapeUntil(app.adminPort(), text ->
        text.value("kit_discovery_instances", "service", "inventory", "source", "etcd") == count);
  }
}
