package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.ClientCalls;
import io.kitagent.it.harness.Downstream;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.SharedApps;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code breaker.scope: instance}: three downstream instances, one failing. Requests to the service's
 * name go to the instances in turn, through every client path; the failing instance's breaker opens
 * and its requests move to the two good ones (its counter stops), until it recovers and gets its share
 * again. With every instance open, the request is refused as for an open service breaker.
 */
class InstanceBreakerTest {

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
      String instances = "\"127.0.0.1:%d\", \"127.0.0.1:%d\", \"127.0.0.1:%d\"".formatted(a.port(), b.port(), c.port());
      // first, so that the instances' addresses name this service (the others are called by name)
      StringBuilder services = new StringBuilder("""
            direct:
              hosts: [%s]
              breaker: { scope: instance, slidingWindowSize: 2, minimumNumberOfCalls: 2, waitDurationInOpenState: 1m }
          """.formatted(instances));
      for (String name : CLIENTS.stream().map(client -> "inv-" + client).toList()) {
        services.append("""
              %s:
                hosts: [%s, %s]
                breaker:
                  scope: instance
                  slidingWindowSize: 4
                  minimumNumberOfCalls: 4
                  waitDurationInOpenState: 3s
                  permittedNumberOfCallsInHalfOpenState: 1
            """.formatted(name, name, instances));
      }
      services.append("""
            retry-next:
              hosts: [retry-next, %s]
              breaker: { scope: instance, slidingWindowSize: 100, minimumNumberOfCalls: 100 }
              retry: { maxAttempts: 2, waitDuration: 0, retryOnStatus: [5xx], budget: false }
          """.formatted(instances));
      services.append("""
            all-open:
              hosts: [all-open, %s]
              breaker: { scope: instance, slidingWindowSize: 2, minimumNumberOfCalls: 2, waitDurationInOpenState: 1m }
          """.formatted(instances));
      RunningApp clients = apps.start(TestApp.named("http-clients").withAgent(config("clients", """
          service: clients
          agent: { admin: { address: "127.0.0.1:0" } }
          metrics: { jvm: false }
          services:
          """ + services)));
      clients.port();
      return new Setup(clients, a, b, c);
    });
  }

  @ParameterizedTest
  @FieldSource("CLIENTS")
  void aFailingInstanceGetsNoRequestsWhileItsBreakerIsOpenAndItsShareBackAfterItRecovers(String client) {
    Setup setup = setup();
    RunningApp app = setup.clients();
    String service = "inv-" + client;
    String url = "http://" + service + "/items";
    String failing = "127.0.0.1:" + setup.c().port();
    setup.c().fail(500);
    long aBefore = setup.a().count();
    long bBefore = setup.b().count();
    long cBefore = setup.c().count();

    int failed = 0;
    for (int i = 0; i < 12; i++) {
      Map<String, String> report = ClientCalls.call(app.port(), client, "GET", url);
      failed += "500".equals(report.get("status")) ? 1 : 0;
      assertTrue(List.of("200", "500").contains(report.get("status")), report::toString);
    }
    assertEquals(4, failed, "every third request went to the failing instance until its breaker opened");
    String opened = app.awaitStdout(line -> isEvent(line, service, failing, "CLOSED", "OPEN"));
    assertEquals("warn", Logfmt.parse(opened).get("level"));
    assertEquals(4, setup.c().count() - cBefore);
    for (int i = 0; i < 12; i++) {
      assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    }
    assertEquals(4, setup.c().count() - cBefore, "the open instance gets no requests");
    assertEquals(20, setup.a().count() - aBefore + setup.b().count() - bBefore, "the good instances take them all");

    setup.c().ok();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (setup.c().count() - cBefore == 4 && System.nanoTime() < deadline) {
      assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    }
    app.awaitStdout(line -> isEvent(line, service, failing, "HALF_OPEN", "CLOSED"));
    long recovered = setup.c().count();
    for (int i = 0; i < 9; i++) {
      assertEquals("200", ClientCalls.call(app.port(), client, "GET", url).get("status"));
    }
    assertEquals(3, setup.c().count() - recovered, "the recovered instance has its share again");
    assertEquals(1.0, AdminMetrics.scrape(app.adminPort()).value("resilience4j_circuitbreaker_state",
        "name", service + "/" + failing, "state", "closed"));
  }

  @ParameterizedTest
  @FieldSource("CLIENTS")
  void aRetryGoesToAnotherInstance(String client) {
    Setup setup = setup();
    RunningApp app = setup.clients();
    setup.c().fail(500);
    try {
      long cBefore = setup.c().count();
      int calls = 6;
      for (int i = 0; i < calls; i++) {
        Map<String, String> report = ClientCalls.call(app.port(), client, "GET", "http://retry-next/items");
        assertEquals(client.equals("urlconnection") && report.get("status").equals("500") ? "500" : "200",
            report.get("status"), report::toString);
      }
      // every request answered 200 although the failing instance had its turns: each retry went elsewhere
      long toFailing = setup.c().count() - cBefore;
      assertTrue(toFailing >= 1 && toFailing <= calls / 2, "the failing instance had its turns: " + toFailing);
    } finally {
      setup.c().ok();
    }
  }

  @Test
  void aRequestAddressedToAnOpenInstanceGoesToAnotherInstance() {
    Setup setup = setup();
    RunningApp app = setup.clients();
    String failing = "http://127.0.0.1:" + setup.c().port() + "/items";
    setup.c().fail(500);
    try {
      long cBefore = setup.c().count();
      for (int i = 0; i < 2; i++) {
        assertEquals("500", ClientCalls.call(app.port(), "okhttp", "GET", failing).get("status"));
      }
      long others = setup.a().count() + setup.b().count();
      for (int i = 0; i < 4; i++) {
        assertEquals("200", ClientCalls.call(app.port(), "okhttp", "GET", failing).get("status"),
            "moved to a closed instance");
      }
      assertEquals(2, setup.c().count() - cBefore, "the open instance got no request once its breaker opened");
      assertEquals(4, setup.a().count() + setup.b().count() - others);
    } finally {
      setup.c().ok();
    }
  }

  @Test
  void whenEveryInstanceIsOpenTheRequestIsRefused() {
    Setup setup = setup();
    RunningApp app = setup.clients();
    List<Downstream> all = List.of(setup.a(), setup.b(), setup.c());
    all.forEach(downstream -> downstream.fail(503));
    try {
      for (int i = 0; i < 6; i++) {
        assertEquals("503", ClientCalls.call(app.port(), "jdk", "GET", "http://all-open/items").get("status"));
      }
      long reached = all.stream().mapToLong(Downstream::count).sum();
      Map<String, String> refused = ClientCalls.call(app.port(), "jdk", "GET", "http://all-open/items");
      assertEquals("503", refused.get("status"), refused::toString);
      assertEquals("breaker", refused.get("header.x-kit-refused"), refused::toString);
      assertEquals(reached, all.stream().mapToLong(Downstream::count).sum(), "no instance was called");
    } finally {
      all.forEach(Downstream::ok);
    }
  }

  private static boolean isEvent(String line, String service, String instance, String from, String to) {
    Map<String, String> event = Logfmt.parse(line);
    return "breaker".equals(event.get("event")) && service.equals(event.get("breaker"))
        && instance.equals(event.get("instance")) && from.equals(event.get("from")) && to.equals(event.get("to"));
  }

  private static Path config(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
