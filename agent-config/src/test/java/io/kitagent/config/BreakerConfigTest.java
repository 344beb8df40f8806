package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.onlyProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.breaker.Breaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code breaker:} with Resilience4j's keys and defaults. */
class BreakerConfigTest {

  @Test
  void trueTakesEveryResilience4jDefault() throws Exception {
    Breaker breaker = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            breaker: true
        """).methods().get(0).get(Breaker.WORD);

    assertEquals(50f, breaker.failureRateThreshold());
    assertEquals(100f, breaker.slowCallRateThreshold());
    assertEquals(Duration.ofSeconds(60), breaker.slowCallDurationThreshold());
    assertEquals(Breaker.WindowType.COUNT_BASED, breaker.slidingWindowType());
    assertEquals(100, breaker.slidingWindowSize());
    assertEquals(100, breaker.minimumNumberOfCalls());
    assertEquals(Duration.ofSeconds(60), breaker.waitDurationInOpenState());
    assertEquals(10, breaker.permittedNumberOfCallsInHalfOpenState());
    assertFalse(breaker.automaticTransitionFromOpenToHalfOpenEnabled());
    assertEquals(Duration.ZERO, breaker.maxWaitDurationInHalfOpenState());
    assertEquals(List.of(), breaker.recordExceptions());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Breaker breaker = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            breaker:
              failureRateThreshold: 25.5
              slowCallRateThreshold: 80
              slowCallDurationThreshold: 2s
              slidingWindowType: TIME_BASED
              slidingWindowSize: 10
              minimumNumberOfCalls: 5
              waitDurationInOpenState: 500ms
              permittedNumberOfCallsInHalfOpenState: 3
              automaticTransitionFromOpenToHalfOpenEnabled: true
              maxWaitDurationInHalfOpenState: 10s
              recordExceptions: [java.io.IOException, com.example.PaymentException]
              ignoreExceptions: java.lang.IllegalArgumentException
              onReject: { return: null }
        """).methods().get(0).get(Breaker.WORD);

    assertEquals(25.5f, breaker.failureRateThreshold());
    assertEquals(80f, breaker.slowCallRateThreshold());
    assertEquals(Duration.ofSeconds(2), breaker.slowCallDurationThreshold());
    assertEquals(Breaker.WindowType.TIME_BASED, breaker.slidingWindowType());
    assertEquals(10, breaker.slidingWindowSize());
    assertEquals(5, breaker.minimumNumberOfCalls());
    assertEquals(Duration.ofMillis(500), breaker.waitDurationInOpenState());
    assertEquals(3, breaker.permittedNumberOfCallsInHalfOpenState());
    assertTrue(breaker.automaticTransitionFromOpenToHalfOpenEnabled());
    assertEquals(Duration.ofSeconds(10), breaker.maxWaitDurationInHalfOpenState());
    assertEquals(List.of("java.io.IOException", "com.example.PaymentException"), breaker.recordExceptions());
    assertEquals(List.of("java.lang.IllegalArgumentException"), breaker.ignoreExceptions());
    assertTrue(breaker.onReject().returns());
  }

  @Test
  void limitsThatMakeNoSenseAreErrorsWithFileLineAndKey() {
    List<ConfigProblem> problems = problems("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            breaker: { slidingWindowSize: 0, failureRateThreshold: 150, slidingWindowType: SIDEWAYS }
        """);

    assertEquals(3, problems.size(), problems.toString());
    assertProblem(problems.get(0), 4, 60, "methods[0].breaker.failureRateThreshold", "from 0.001 to 100", "150");
    assertProblem(problems.get(1), 4, 84, "methods[0].breaker.slidingWindowType", "count-based", "SIDEWAYS");
    assertProblem(problems.get(2), 4, 35, "methods[0].breaker.slidingWindowSize", "from 1", "0");
  }

  @Test
  void anUnknownKeyGetsADidYouMean() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            breaker: { failureRateTreshold: 20 }
        """);

    assertProblem(problem, 4, 16, "methods[0].breaker.failureRateTreshold", "did you mean \"failureRateThreshold\"");
  }

  @Test
  void anExceptionThatIsNotAClassNameIsAnError() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            breaker: { recordExceptions: [java.io.IOException, "not a class"] }
        """);

    assertProblem(problem, 4, 34, "methods[0].breaker.recordExceptions", "\"not a class\" is not a class name");
  }

  @Test
  void aServiceTakesItsScopeAndFailureStatus() throws Exception {
    AgentConfig config = parse("""
        service: orders
        http:
          client: { breaker: true }
        services:
          inventory:
            hosts: ["127.0.0.1:8081"]
            breaker: { scope: instance, failureStatus: [5xx, 429] }
        """);

    Breaker service = config.services().get(0).rule().get(Breaker.WORD);
    assertEquals(Breaker.Scope.INSTANCE, service.scope());
    assertTrue(service.failureStatus().contains(429) && service.failureStatus().contains(502));
    assertFalse(service.failureStatus().contains(404));
    Breaker client = config.http().client().get(Breaker.WORD);
    assertEquals(Breaker.Scope.SERVICE, client.scope());
    assertTrue(client.failureStatus().contains(500) && !client.failureStatus().contains(429));
  }

  @Test
  void keysThatDoNotApplyWhereTheBreakerSitsAreErrors() {
    List<ConfigProblem> problems = problems("""
        service: orders
        http:
          client: { breaker: { scope: instance } }
          server: { breaker: true }
        services:
          inventory: { breaker: { recordExceptions: [java.io.IOException] } }
        methods:
          - match: com.example.OrderService#placeOrder
            breaker: { failureStatus: [5xx] }
        """);

    assertEquals(4, problems.size(), problems.toString());
    assertProblem(problems.get(0), 3, 24, "http.client.breaker.scope");
    assertProblem(problems.get(1), 4, 13, "http.server.breaker");
    assertProblem(problems.get(2), 6, 27, "services.inventory.breaker.recordExceptions");
    assertProblem(problems.get(3), 9, 16, "methods[0].breaker.failureStatus");
  }
}
