package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Jdks;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
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

/**
 * {@code retry:} on methods of the fault-targets app: a call that fails once succeeds on its second
 * attempt; one that always fails gives up after {@code maxAttempts}; the budget stops a retry storm;
 * a retry never goes past an open breaker. Each attempt is measured.
 */
class MethodRetryTest {

  private static final String TARGETS = "com.example.targets.Targets";

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private record Run(RunningApp app, Map<String, String> result, int bodies) {}

  private Run run(Jdk jdk, String rule, String... args) throws Exception {
    Path config = Files.writeString(dir.resolve("targets.yaml"), """
        service: targets
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        logging: { level: debug }
        methods:
        """ + rule);
    RunningApp app = apps.start(TestApp.named("fault-targets").on(jdk).withAgent(config).args(args));
    String line = app.awaitStdout(l -> l.startsWith(args[0] + " "));
    String bodies = app.awaitStdout(l -> l.startsWith("bodies="));
    return new Run(app, Logfmt.parse(line.substring(args[0].length() + 1)),
        Integer.parseInt(bodies.substring("bodies=".length())));
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void aCallThatFailsOnceSucceedsOnItsSecondAttempt(Jdk jdk) throws Exception {
    Run run = run(jdk, """
          - match: com.example.targets.Targets#flaky
            metrics: true
            retry: { maxAttempts: 3, waitDuration: 10ms }
        """, "flaky", "5");

    assertEquals(Map.of("ok", "5", "failed", "0"), run.result());
    assertEquals(10, run.bodies(), "each call ran twice");
    String site = TARGETS + "#flaky";
    PrometheusText metrics = AdminMetrics.scrape(run.app().adminPort());
    assertEquals(5.0, metrics.value("resilience4j_retry_calls_total", "name", site, "kind", "successful_with_retry"));
    assertEquals(5, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "flaky", "outcome", "error"),
        "each failed attempt is measured");
    assertEquals(5, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "flaky", "outcome", "ok"));
    Map<String, String> retry = Logfmt.parse(run.app().awaitStdout(line -> line.contains("event=retry")));
    assertEquals(site, retry.get("site"));
    assertEquals("1", retry.get("attempt"));
    assertEquals("10", retry.get("wait_ms"));
  }

  @Test
  void aCallThatAlwaysFailsGivesUpAfterMaxAttempts() throws Exception {
    Run run = run(Jdks.current(), """
          - match: com.example.targets.Targets#broken
            retry: { maxAttempts: 3, waitDuration: 1ms, exponentialBackoffMultiplier: 2, budget: false }
        """, "broken", "4");

    assertEquals(Map.of("ok", "0", "failed", "4"), run.result());
    assertEquals(12, run.bodies());
    assertEquals(4.0, AdminMetrics.scrape(run.app().adminPort()).value("resilience4j_retry_calls_total",
        "name", TARGETS + "#broken", "kind", "failed_with_retry"));
  }

  @Test
  void theBudgetStopsARetryStormAgainstADependencyThatAlwaysFails() throws Exception {
    int calls = 300;
    Run run = run(Jdks.current(), """
          - match: com.example.targets.Targets#broken
            retry: { maxAttempts: 5, waitDuration: 0 }
        """, "broken", Integer.toString(calls));

    assertEquals(Integer.toString(calls), run.result().get("failed"));
    int floor = 3 * 10; // minPerSecond over the budget's 10 s
    assertTrue(run.bodies() <= calls * 1.2 + floor, "the dependency saw " + run.bodies() + " attempts for "
        + calls + " calls; without the budget it would be " + calls * 5);
    assertTrue(run.bodies() > calls, "the budget still allows some retries: " + run.bodies());
    PrometheusText metrics = AdminMetrics.scrape(run.app().adminPort());
    assertTrue(metrics.value("kit_retry_budget_exhausted_total", "name", TARGETS + "#broken") > 0);
    assertTrue(run.app().stdout().stream().anyMatch(line -> line.contains("event=retry")
        && line.contains("retry=budget_exhausted") && line.contains("level=warn")));
  }

  @Test
  void aRetryNeverGoesPastAnOpenBreaker() throws Exception {
    Run run = run(Jdks.current(), """
          - match: com.example.targets.Targets#broken
            retry: { maxAttempts: 5, waitDuration: 0, budget: false }
            breaker: { slidingWindowSize: 2, minimumNumberOfCalls: 2, waitDurationInOpenState: 1m }
            onReject: { throw: java.lang.IllegalStateException, message: "breaker open" }
        """, "broken", "3");

    assertEquals(Map.of("ok", "0", "failed", "3"), run.result());
    assertEquals(2, run.bodies(), "the breaker opened after two attempts and refused the rest");
  }
}
