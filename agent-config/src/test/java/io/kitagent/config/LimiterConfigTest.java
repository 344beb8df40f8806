package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kitagent.limiter.Limiter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code limiter:} with Resilience4j's keys, and on {@code http.server} its buckets and routes. */
class LimiterConfigTest {

  @Test
  void everyKeyIsRead() throws Exception {
    AgentConfig config = parse("""
        service: orders
        http:
          server:
            limiter:
              limitForPeriod: 200
              by: client-ip
              maxBuckets: 500
              routes:
                "/orders/*": { limitForPeriod: 20, by: "header:X-Api-Key", timeoutDuration: 50ms }
        methods:
          - match: com.example.OrderService#placeOrder
            limiter: { limitForPeriod: 5, limitRefreshPeriod: 100ms, timeoutDuration: 1s }
        """);

    Limiter method = config.methods().get(0).get(Limiter.WORD);
    assertEquals(5, method.limitForPeriod());
    assertEquals(Duration.ofMillis(100), method.limitRefreshPeriod());
    assertEquals(Duration.ofSeconds(1), method.timeoutDuration());
    assertEquals(Limiter.By.NONE, method.by());

    Limiter server = config.http().server().get(Limiter.WORD);
    assertEquals(200, server.limitForPeriod());
    assertEquals(Duration.ofSeconds(1), server.limitRefreshPeriod());
    assertEquals(Duration.ZERO, server.timeoutDuration());
    assertEquals(Limiter.By.Kind.CLIENT_IP, server.by().kind());
    assertEquals(500, server.maxBuckets());
    Limiter.Route route = server.routes().get(0);
    assertEquals("/orders/*", route.pattern());
    assertEquals(20, route.limiter().limitForPeriod());
    assertEquals(new Limiter.By(Limiter.By.Kind.HEADER, "X-Api-Key"), route.limiter().by());
    assertEquals(500, route.limiter().maxBuckets(), "a route takes the section's other keys");
    assertEquals(Duration.ofMillis(50), route.limiter().timeoutDuration());
  }

  @Test
  void routesAloneLimitOnlyTheirPaths() throws Exception {
    Limiter server = parse("""
        service: orders
        http:
          server:
            limiter: { routes: { "/orders/*": { limitForPeriod: 2 } } }
        """).http().server().get(Limiter.WORD);

    assertFalse(server.limits());
    assertEquals(2, server.routes().get(0).limiter().limitForPeriod());
  }

  @Test
  void mistakesAreErrorsWithFileLineAndKey() {
    List<ConfigProblem> problems = problems("""
        service: orders
        http:
          server:
            limiter: { limitForPeriod: 5, by: "cookie:x", routes: { "orders": { limitForPeriod: 0 } } }
        services:
          inventory: { limiter: { limitForPeriod: 5, by: client-ip } }
        methods:
          - match: com.example.OrderService#placeOrder
            limiter: { limitRefreshPeriod: 1s }
        """);

    assertEquals(5, problems.size(), problems.toString());
    assertProblem(problems.get(0), 4, 39, "http.server.limiter.by", "header:<name>", "cookie:x");
    assertProblem(problems.get(1), 4, 61, "http.server.limiter.routes.orders", "starting with /");
    assertProblem(problems.get(2), 4, 89, "http.server.limiter.routes.orders.limitForPeriod", "from 1");
    assertProblem(problems.get(3), 6, 46, "services.inventory.limiter.by", "unknown key");
    assertProblem(problems.get(4), 9, 14, "methods[0].limiter.limitForPeriod", "required");
  }
}
