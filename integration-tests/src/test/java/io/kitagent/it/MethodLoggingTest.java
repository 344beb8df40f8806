package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Artifacts;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The orders test-app under the agent with its own orders.yaml: what a user sees in the log. */
class MethodLoggingTest {

  @RegisterExtension
  final Apps apps = new Apps();

  private static final String JDKS = "io.kitagent.it.harness.Jdks#forTests";

  private RunningApp startOrders(Jdk jdk) {
    return apps.start(TestApp.named("orders").on(jdk)
        .withAgent(Artifacts.testAppFile("orders", "orders.yaml")));
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void matchedMethodLogsOneEventWithArgumentsAndResult(Jdk jdk) {
    RunningApp orders = startOrders(jdk);
    int port = orders.port();

    assertEquals(201, Http.post(port, "/orders?item=book&quantity=2&card=4111%201111").statusCode());

    Map<String, String> event = Logfmt.parse(orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder")));
    assertEquals("info", event.get("level"));
    assertEquals("orders", event.get("service"));
    assertEquals("com.example.orders.OrderService", event.get("class"));
    assertEquals("ok", event.get("outcome"));
    assertTrue(Double.parseDouble(event.get("duration_ms")) >= 0, event.toString());
    assertTrue(event.get("ts").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), event.get("ts"));
    assertEquals("book", event.get("args.item"), "names come from -parameters");
    assertEquals("2", event.get("args.quantity"));
    assertEquals("***", event.get("args.cardNumber"), "redact: [cardNumber]");
    assertTrue(event.get("result").startsWith("Order[id=o-1, item=book"), event.get("result"));
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void unmatchedMethodsDoNotLog(Jdk jdk) {
    RunningApp orders = startOrders(jdk);
    int port = orders.port();

    Http.post(port, "/orders?item=book");
    Http.get(port, "/orders");
    Http.get(port, "/orders/o-1");
    orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "findOrder"));

    // PriceCalculator.total runs inside placeOrder and countOrders before findOrder, on the same
    // writer queue: had either been woven, its line would be out by now.
    assertFalse(orders.stdout().stream().anyMatch(l -> Logfmt.isMethodEvent(l, "total")));
    assertFalse(orders.stdout().stream().anyMatch(l -> Logfmt.isMethodEvent(l, "countOrders")));
    assertFalse(orders.stdout().stream().anyMatch(l -> l.contains("method=<init>")));
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void failingMethodLogsAtErrorWithTheExceptionAndTheAppSeesItUnchanged(Jdk jdk) {
    RunningApp orders = startOrders(jdk);
    int port = orders.port();

    var response = Http.post(port, "/orders?item=pen&fail=true");

    assertEquals(500, response.statusCode());
    assertEquals("{\"error\":\"payment declined for pen\"}", response.body());
    Map<String, String> event = Logfmt.parse(orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder")));
    assertEquals("error", event.get("level"));
    assertEquals("error", event.get("outcome"));
    assertEquals("com.example.orders.OrderFailedException", event.get("exception"));
    assertEquals("payment declined for pen", event.get("error"));
  }

  /**
   * Appending to the boot class path makes HotSpot print a class-data-sharing warning on stdout, and
   * Byte Buddy's Unsafe paths make JDK 24+ print warnings on stderr; the agent avoids both.
   */
  @ParameterizedTest
  @MethodSource(JDKS)
  void theJvmPrintsNoWarningsBecauseOfTheAgent(Jdk jdk) {
    RunningApp orders = startOrders(jdk);
    Http.post(orders.port(), "/orders?item=book");
    orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder"));

    assertTrue(orders.stdout().stream().noneMatch(l -> l.toLowerCase().contains("warning")), orders.describe());
    assertTrue(orders.stderr().stream().noneMatch(l -> l.toLowerCase().contains("warning")), orders.describe());
    assertTrue(orders.stderr().stream().noneMatch(l -> l.contains("boot class path instead")), orders.describe());
  }

  @Test
  void slowCallReportsItsRealDuration() {
    RunningApp orders = apps.start(TestApp.named("orders")
        .withAgent(Artifacts.testAppFile("orders", "orders.yaml")));

    Http.post(orders.port(), "/orders?item=book&delayMs=300");

    Map<String, String> event = Logfmt.parse(orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder")));
    assertTrue(Double.parseDouble(event.get("duration_ms")) >= 300, event.toString());
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void jsonFormatWritesOneJsonObjectPerLine(Jdk jdk) throws Exception {
    RunningApp orders = apps.start(TestApp.named("orders").on(jdk).env("KIT_LOG_FORMAT", "json")
        .withAgent(Artifacts.testAppFile("orders", "orders.yaml")));

    Http.post(orders.port(), "/orders?item=a%20%22quoted%22%20book&card=1234");

    JsonNode event = new ObjectMapper().readTree(orders.awaitStdout(l -> l.contains("\"method\":\"placeOrder\"")));
    assertEquals("orders", event.get("service").asText());
    assertEquals("ok", event.get("outcome").asText());
    assertEquals("a \"quoted\" book", event.get("args").get("item").asText());
    assertEquals("***", event.get("args").get("cardNumber").asText());
    assertTrue(event.get("duration_ms").isNumber());
  }

  @Test
  void annotatedAndImplementsSelectorsWeaveTheirMethods(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("selectors.yaml"), """
        service: orders
        methods:
          - annotated: com.example.orders.Monitored
            log: true
          - implements: com.example.orders.Inventory
            log: { level: warn, args: true }
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));
    int port = orders.port();

    Http.post(port, "/orders?item=book&quantity=3");
    Http.send("DELETE", port, "/orders/o-1");

    Map<String, String> reserve = Logfmt.parse(orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "reserve")));
    assertEquals("com.example.orders.InMemoryInventory", reserve.get("class"));
    assertEquals("warn", reserve.get("level"));
    assertEquals("3", reserve.get("args.quantity"));
    Map<String, String> cancel = Logfmt.parse(orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "cancelOrder")));
    assertEquals("ok", cancel.get("outcome"));
    assertFalse(orders.stdout().stream().anyMatch(l -> Logfmt.isMethodEvent(l, "placeOrder")));
  }

  @Test
  void globalLevelFiltersEventsBelowIt(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("quiet.yaml"), """
        service: orders
        logging: { level: warn }
        methods:
          - match: com.example.orders.OrderService#*
            log: true
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));
    int port = orders.port();

    Http.post(port, "/orders?item=book");
    Http.post(port, "/orders?item=pen&fail=true");

    orders.awaitStdout(l -> Logfmt.isMethodEvent(l, "placeOrder") && l.contains("level=error"));
    assertFalse(orders.stdout().stream().anyMatch(l -> l.contains("level=info")), orders.describe());
  }
}
