package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.onlyProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.fault.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fault:} and {@code onReject:} on every kind of rule. */
class FaultConfigTest {

  @Test
  void aMethodRuleTakesAbortsAndDelaysWithDecimalPercentages() throws Exception {
    MethodRule rule = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            fault: { abort: { percent: 2.5 }, delay: { percent: 5, duration: 200ms } }
        """).methods().get(0);

    Fault fault = rule.get(Fault.WORD);
    assertEquals(2.5, fault.abortPercent());
    assertEquals(5, fault.delayPercent());
    assertEquals(Duration.ofMillis(200), fault.delay());
    assertNull(fault.onReject());
    assertTrue(rule.hasPolicies(), "a fault alone is a policy");
  }

  @Test
  void aFaultMayCarryItsOwnOnRejectBesideTheRules() throws Exception {
    MethodRule rule = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#count
            fault: { abort: { percent: 10 }, onReject: { return: 0 } }
            onReject: { throw: java.lang.IllegalStateException, message: busy }
        """).methods().get(0);

    OnReject own = rule.get(Fault.WORD).onReject();
    assertTrue(own.returns());
    assertEquals(0L, own.returnValue());
    OnReject ruleWide = rule.get(OnReject.WORD);
    assertEquals("java.lang.IllegalStateException", ruleWide.throwType());
    assertEquals("busy", ruleWide.message());
    assertTrue(ruleWide.where().startsWith("orders.yaml:5:15: methods[0].onReject"), ruleWide.where());
  }

  @Test
  void aReturnLiteralKeepsItsShape() throws Exception {
    OnReject onReject = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#find
            onReject: { return: { id: o-0, lines: [1, 2.5, true, null] } }
        """).methods().get(0).get(OnReject.WORD);

    assertEquals(Map.of("id", "o-0", "lines", java.util.Arrays.asList(1L, 2.5, true, null)), onReject.returnValue());
  }

  @Test
  void returnNullIsAValueNotAnAbsence() throws Exception {
    OnReject onReject = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#find
            onReject: { return: null }
        """).methods().get(0).get(OnReject.WORD);

    assertTrue(onReject.returns());
    assertNull(onReject.returnValue());
  }

  @Test
  void httpRulesAnswerWithAStatusHeadersAndBodyOrThrowIo() throws Exception {
    AgentConfig config = parse("""
        service: orders
        http:
          client: { fault: { abort: { percent: 1 } }, onReject: { throw: io } }
          server:
            fault: { abort: { percent: 100 } }
            onReject: { status: 429, headers: { Retry-After: "2" }, body: "slow down" }
        services:
          inventory: { hosts: [inventory], fault: { delay: { percent: 100, duration: 1s } } }
        """);

    OnReject client = config.http().client().get(OnReject.WORD);
    assertTrue(client.throwsIo());
    OnReject server = config.http().server().get(OnReject.WORD);
    assertEquals(429, server.status());
    assertEquals(Map.of("Retry-After", "2"), server.headers());
    assertEquals("slow down", server.body());
    Fault inventory = config.services().get(0).rule().get(Fault.WORD);
    assertEquals(Duration.ofSeconds(1), inventory.delay());
    assertEquals(503, OnReject.defaultFor(RuleKind.SERVICE).status());
  }

  @Test
  void aPercentageOutsideZeroToHundredIsAnError() {
    assertProblem(onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            fault: { abort: { percent: 150 } }
        """), 4, 32, "methods[0].fault.abort.percent", "expected a number from 0 to 100, got 150");
  }

  @Test
  void aDelayNeedsItsDurationAndAnAbortItsPercent() {
    List<ConfigProblem> problems = problems("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            fault: { abort: {}, delay: { percent: 5 } }
        """);

    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 4, 21, "methods[0].fault.abort.percent", "required key is missing");
    assertProblem(problems.get(1), 4, 32, "methods[0].fault.delay.duration", "required key is missing");
  }

  @Test
  void aMethodOnRejectNeedsExactlyOneOfThrowAndReturn() {
    assertProblem(onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            onReject: { throw: java.lang.IllegalStateException, return: 1 }
        """), 4, 15, "methods[0].onReject", "either throw or return, not both");
    assertProblem(onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            onReject: { message: hi }
        """), 4, 15, "methods[0].onReject", "needs throw");
  }

  @Test
  void aThrowOfAMethodNamesAClass() {
    assertProblem(onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            onReject: { throw: oops }
        """), 4, 24, "methods[0].onReject.throw", "expected an exception class");
  }

  @Test
  void anHttpClientThrowsOnlyIoAndAServerNothing() {
    assertProblem(onlyProblem("""
        service: orders
        http:
          client: { log: true, onReject: { throw: java.io.IOException } }
        """), 3, 43, "http.client.onReject.throw", "throws io");
    assertProblem(onlyProblem("""
        service: orders
        http:
          server: { log: true, onReject: { throw: io } }
        """), 3, 43, "http.server.onReject.throw", "throw is for clients");
  }

  @Test
  void aStatusOutsideHttpsRangeAndABadHeaderNameAreErrors() {
    List<ConfigProblem> problems = problems("""
        service: orders
        http:
          server: { onReject: { status: 700, headers: { "bad name": x } } }
        """);

    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 3, 33, "http.server.onReject.status", "from 100 to 599");
    assertProblem(problems.get(1), 3, 49, "http.server.onReject.headers.bad name", "not a valid header name");
  }

  @Test
  void checkPrintsFaultAndOnReject() throws Exception {
    Map<String, Object> described = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            fault: { abort: { percent: 10 }, delay: { percent: 5, duration: 200ms } }
            onReject: { return: null }
        """).describe();

    Map<?, ?> rule = (Map<?, ?>) ((List<?>) described.get("methods")).get(0);
    assertEquals(Map.of("abort", Map.of("percent", 10.0), "delay", Map.of("percent", 5.0, "duration", "200ms")),
        rule.get("fault"));
    assertEquals(java.util.Collections.singletonMap("return", null), rule.get("onReject"));
    assertFalse(rule.containsKey("log"));
  }
}
