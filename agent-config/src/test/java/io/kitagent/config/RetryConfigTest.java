package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.retry.Retry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code retry:} with Resilience4j's keys and defaults, and its budget. */
class RetryConfigTest {

  @Test
  void trueTakesResilience4jsDefaultsAndTheDefaultBudget() throws Exception {
    Retry retry = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            retry: true
        """).methods().get(0).get(Retry.WORD);

    assertEquals(3, retry.maxAttempts());
    assertEquals(Duration.ofMillis(500), retry.waitDuration());
    assertEquals(1.0, retry.exponentialBackoffMultiplier());
    assertEquals(Duration.ofSeconds(30), retry.exponentialMaxWaitDuration());
    assertEquals(0.0, retry.randomizedWaitFactor());
    assertEquals(List.of(), retry.retryExceptions());
    assertEquals(new Retry.Budget(0.2, 3), retry.budget());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Retry retry = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            retry:
              maxAttempts: 4
              waitDuration: 100ms
              exponentialBackoffMultiplier: 2
              exponentialMaxWaitDuration: 2s
              randomizedWaitFactor: 0.5
              retryExceptions: [java.io.IOException]
              ignoreExceptions: [java.io.FileNotFoundException]
              budget: { ratio: 0.1, minPerSecond: 1 }
        """).methods().get(0).get(Retry.WORD);

    assertEquals(4, retry.maxAttempts());
    assertEquals(Duration.ofMillis(100), retry.waitDuration());
    assertEquals(2.0, retry.exponentialBackoffMultiplier());
    assertEquals(Duration.ofSeconds(2), retry.exponentialMaxWaitDuration());
    assertEquals(0.5, retry.randomizedWaitFactor());
    assertEquals(List.of("java.io.IOException"), retry.retryExceptions());
    assertEquals(List.of("java.io.FileNotFoundException"), retry.ignoreExceptions());
    assertEquals(new Retry.Budget(0.1, 1), retry.budget());
  }

  @Test
  void budgetFalseTurnsTheBudgetOff() throws Exception {
    Retry retry = parse("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            retry: { budget: false }
        """).methods().get(0).get(Retry.WORD);

    assertFalse(retry.budget().enabled());
  }

  @Test
  void limitsThatMakeNoSenseAreErrorsAndAnIncomingRequestHasNoRetry() {
    List<ConfigProblem> problems = problems("""
        service: orders
        http:
          server: { retry: true }
        methods:
          - match: com.example.OrderService#placeOrder
            retry: { maxAttempts: 0, randomizedWaitFactor: 2 }
          - match: com.example.OrderService#cancelOrder
            retry: { waitDuration: 1m }
        """);

    assertEquals(4, problems.size(), problems.toString());
    assertProblem(problems.get(0), 3, 13, "http.server.retry", "unknown key");
    assertProblem(problems.get(1), 6, 27, "methods[0].retry.maxAttempts", "from 1");
    assertProblem(problems.get(2), 6, 52, "methods[0].retry.randomizedWaitFactor", "from 0");
    assertProblem(problems.get(3), 8, 28, "methods[1].retry.waitDuration", "exponentialMaxWaitDuration (30s)");
  }

  @Test
  void outgoingRequestsRetryGatewayAnswersOfIdempotentMethodsByDefault() throws Exception {
    AgentConfig config = parse("""
        service: orders
        http:
          client: { retry: true }
        services:
          inventory:
            retry: { retryOnStatus: [5xx, 429], retryNonIdempotent: true }
        """);
    Retry client = config.http().client().get(Retry.WORD);
    Retry inventory = config.services().get(0).rule().get(Retry.WORD);

    assertEquals(List.of("502", "503", "504"), client.retryOnStatus().items());
    assertFalse(client.retryNonIdempotent());
    assertEquals(List.of("5xx", "429"), inventory.retryOnStatus().items());
    assertTrue(inventory.retryNonIdempotent());
    assertTrue(inventory.retryOnStatus().contains(500) && !inventory.retryOnStatus().contains(404));
  }

  @Test
  void httpKeysAreUnknownOnAMethodAndStatusesAreChecked() {
    List<ConfigProblem> problems = problems("""
        service: orders
        http:
          client: { retry: { retryOnStatus: [503, 6xx], retryNonIdempotent: maybe } }
        methods:
          - match: com.example.OrderService#placeOrder
            retry: { retryOnStatus: [503] }
        """);

    assertEquals(3, problems.size(), problems.toString());
    assertProblem(problems.get(0), 3, 43, "http.client.retry.retryOnStatus[1]", "expected a status");
    assertProblem(problems.get(1), 3, 69, "http.client.retry.retryNonIdempotent", "true or false");
    assertProblem(problems.get(2), 6, 14, "methods[0].retry.retryOnStatus", "unknown key");
  }
}
