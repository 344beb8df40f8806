package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad config never takes the service down, unless the user asked for that with strict. */
class FailSafeTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private static final String BROKEN = """
      service: orders
      methods:
        - match: com.example.orders.OrderService#placeOrder
          log: { level: loud }
      """;

  private static final String GOOD = """
      service: orders
      methods:
        - match: com.example.orders.OrderService#placeOrder
          log: true
      """;

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void brokenConfigIsReportedWithFileLineAndKeyAndTheAppRunsUninstrumented(Jdk jdk) throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), BROKEN);
    RunningApp orders = apps.start(TestApp.named("orders").on(jdk).withAgent(config));
    int port = orders.port();

    assertEquals(201, Http.post(port, "/orders?item=book").statusCode());

    String error = orders.awaitStderr(l -> l.contains("methods[0].log.level"));
    assertTrue(error.contains(config + ":4:"), error);
    assertTrue(error.contains("expected one of debug, info, warn, error, got \"loud\""), error);
    orders.awaitStderr(l -> l.contains("the application runs without instrumentation"));
    assertFalse(orders.stdout().stream().anyMatch(l -> l.contains("event=method")));
    assertTrue(orders.isAlive());
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void strictStopsTheJvmWithStatus2BeforeMain(Jdk jdk) throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), "agent: { strict: true }\n" + BROKEN);
    RunningApp orders = apps.start(TestApp.named("orders").on(jdk).withAgent(config));

    assertEquals(2, orders.awaitExit());
    assertTrue(orders.stderr().stream().anyMatch(l -> l.contains("methods[0].log.level")), orders.describe());
    assertTrue(orders.stderr().stream().anyMatch(l -> l.contains("agent.strict is true")), orders.describe());
    assertFalse(orders.stdout().stream().anyMatch(l -> l.contains("listening")), "main must not run");
  }

  @Test
  void strictFromTheAgentOptionsAlsoCoversAMissingFile() {
    RunningApp orders = apps.start(TestApp.named("orders")
        .withAgentOptions("config=" + dir.resolve("absent.yaml") + ",strict=true"));

    assertEquals(2, orders.awaitExit());
    assertTrue(orders.stderr().stream().anyMatch(l -> l.contains("absent.yaml: file not found")), orders.describe());
  }

  @Test
  void missingConfigFileNamesTheFileAndTheAppRuns() {
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(dir.resolve("absent.yaml")));

    assertEquals(200, Http.get(orders.port(), "/orders").statusCode());
    orders.awaitStderr(l -> l.contains("absent.yaml: file not found"));
  }

  @Test
  void noConfigAtAllExplainsWhereOneCanBeGiven() {
    RunningApp orders = apps.start(TestApp.named("orders").withAgentOptions(null));

    assertEquals(200, Http.get(orders.port(), "/orders").statusCode());
    orders.awaitStderr(l -> l.contains("no config file given") && l.contains("KIT_AGENT_CONFIG"));
  }

  @Test
  void configPathCanComeFromTheSystemProperty() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), GOOD);
    RunningApp orders = apps.start(TestApp.named("orders").withAgentOptions(null)
        .jvmOption("-Dkit.agent.config=" + config));

    Http.post(orders.port(), "/orders?item=book");

    orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder"));
  }

  @Test
  void configPathCanComeFromTheEnvironment() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), GOOD);
    RunningApp orders = apps.start(TestApp.named("orders").withAgentOptions(null)
        .env("KIT_AGENT_CONFIG", config.toString()));

    Http.post(orders.port(), "/orders?item=book");

    orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder"));
  }

  @Test
  void disabledAgentWeavesNothing() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), "agent: { enabled: false }\n" + GOOD);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));

    Http.post(orders.port(), "/orders?item=book");

    orders.awaitStderr(l -> l.contains("agent.enabled is false"));
    Http.get(orders.port(), "/orders");
    assertFalse(orders.stdout().stream().anyMatch(l -> l.contains("event=method")));
  }
}
