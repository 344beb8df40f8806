package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An agent fault never changes the application: in the edge-cases app, a stack overflow and a heap
 * that runs out pass through woven methods unchanged and leave their sites instrumented with no
 * in-flight count left over; values whose {@code toString} throws are logged and tagged as such; a
 * {@code toString} that calls a woven method runs it once per rendering, uninstrumented. The app's
 * output is the same as without the agent.
 */
class AgentFaultsTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private static List<String> appOutput(RunningApp app) {
    app.awaitStdout(line -> line.equals("done"));
    return app.stdout();
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void theApplicationSeesItsOwnErrorsAndValuesUnchangedAndTheAgentStaysRight(Jdk jdk) throws Exception {
    Path events = dir.resolve("events.log");
    Path config = Files.writeString(dir.resolve("edges.yaml"), """
        service: edges
        agent: { admin: { address: "127.0.0.1:0" } }
        logging: { output: %s }
        metrics: { jvm: false }
        methods:
          - match: com.example.edges.Recursion#down
            metrics: true
          - match: com.example.edges.Memory#allocate
            metrics: true
            log: true
          - match: com.example.edges.Catalog#describe
            log: { args: true, result: true }
          - match: com.example.edges.Catalog#lookup
            log: { args: true }
          - match: com.example.edges.Catalog#name
            log: { args: true }
            metrics: true
          - match: com.example.edges.Catalog#tagged
            metrics: { tags: { region: arg0 } }
        """.formatted(events));
    RunningApp plain = apps.start(TestApp.named("edge-cases").on(jdk).jvmOption("-Xmx64m"));
    RunningApp woven = apps.start(TestApp.named("edge-cases").on(jdk).jvmOption("-Xmx64m").withAgent(config));

    List<String> expected = appOutput(plain);
    assertEquals(expected, appOutput(woven), "the same output as without the agent");
    assertTrue(expected.contains("down(huge) -> java.lang.StackOverflowError"), expected::toString);
    assertTrue(expected.contains("allocate(2000) -> java.lang.OutOfMemoryError: Java heap space"), expected::toString);
    assertEquals("name bodies=1", plain.awaitStderr(line -> line.startsWith("name bodies=")));
    assertEquals("name bodies=2", woven.awaitStderr(line -> line.startsWith("name bodies=")),
        "once for the application's call, once for the agent's own toString of lookup's argument");
    assertFalse(woven.stderr().stream().anyMatch(line -> line.contains("kit-agent: WARN")
        || line.contains("kit-agent: ERROR") || line.contains("ASSERTION FAILED")), woven.describe());

    PrometheusText metrics = AdminMetrics.scrape(woven.adminPort());
    assertEquals(0, AdminMetrics.sum(metrics, "kit_method_active", "method", "down"), "no call of down left in flight");
    assertEquals(6, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "down", "outcome", "ok"),
        "down(5) after the overflow: still measured");
    assertTrue(AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "down", "outcome", "error",
        "exception", "StackOverflowError") > 100, metrics.find("kit_method_seconds_count").toString());
    assertEquals(0, AdminMetrics.sum(metrics, "kit_method_active", "method", "allocate"));
    assertEquals(1, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "allocate", "outcome", "error",
        "exception", "OutOfMemoryError"));
    assertEquals(1, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "allocate", "outcome", "ok"));
    assertEquals(1, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "name"),
        "the name called by the agent's own toString is not measured");
    assertEquals(2, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "tagged", "region", "error"),
        "a tag whose toString throws is tagged error, and the site stays on");

    List<String> lines = awaitLines(events, lines2 -> lines2.stream().anyMatch(l -> l.contains(" method=name ")));
    Map<String, String> describe = event(lines, "describe");
    assertEquals("<toString failed: java.lang.IllegalStateException>", describe.get("args.item"));
    assertEquals("<toString failed: java.lang.IllegalStateException>", describe.get("result"));
    assertEquals("key-7", event(lines, "lookup").get("args.key"));
    assertEquals(1, lines.stream().filter(l -> l.contains(" method=name ")).count(), "name is logged for the "
        + "application's call only: " + lines);
    Map<String, String> allocate = event(lines, "allocate");
    assertEquals("java.lang.OutOfMemoryError", allocate.get("exception"));
  }

  /** The first method event of {@code method}. */
  private static Map<String, String> event(List<String> lines, String method) {
    return lines.stream().map(Logfmt::parse)
        .filter(e -> "method".equals(e.get("event")) && method.equals(e.get("method"))).findFirst()
        .orElseThrow(() -> new AssertionError("no event of " + method + " in " + lines));
  }

  /** The event log file, once it has what the test waits for (events are written by a background thread). */
  private static List<String> awaitLines(Path file, Predicate<List<String>> ready) throws Exception {
    long deadline = System.nanoTime() + RunningApp.DEFAULT_WAIT.toNanos();
    while (true) {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      if (ready.test(lines)) {
        return lines;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the event log never had what was expected: " + lines);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // between reads of the file
    }
  }
}
