package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.AdminMetrics;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.PrometheusText;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fault:} on method rules, in the fault-targets app: a refused call skips the method's body and
 * throws or returns what {@code onReject} says, for every kind of return type; it is logged and
 * measured as refused; aborts land at their percentage; delays add to the measured time.
 */
class MethodFaultTest {

  private static final String TARGETS = "com.example.targets.Targets#";

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  private RunningApp run(Jdk jdk, String config, String... args) throws Exception {
    Path file = Files.writeString(dir.resolve("targets.yaml"), """
        service: targets
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        """ + config);
    RunningApp app = apps.start(TestApp.named("fault-targets").on(jdk).withAgent(file).args(args));
    app.awaitStdout(line -> line.equals("done"));
    return app;
  }

  private static String result(RunningApp app, String method) {
    return app.stdout().stream().filter(line -> line.startsWith(method + " -> ")).findFirst()
        .map(line -> line.substring(method.length() + 4)).orElseThrow(() -> new AssertionError(app.describe()));
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void anAbortAtHundredPercentAnswersEveryReturnTypeAsOnRejectSaysAndRunsNoBody(Jdk jdk) throws Exception {
    RunningApp app = run(jdk, """
        methods:
          - match: com.example.targets.Targets#act
            fault: { abort: { percent: 100 } }
            onReject: { throw: java.lang.IllegalStateException, message: "injected by the test" }
            log: true
            metrics: true
          - match: com.example.targets.Targets#actQuietly
            fault: { abort: { percent: 100 } }
            onReject: { return: null }
          - match: com.example.targets.Targets#number
            fault: { abort: { percent: 100 }, onReject: { return: 42 } }
            onReject: { return: 7 }
          - match: com.example.targets.Targets#big
            fault: { abort: { percent: 100 } }
            onReject: { return: 7000000000 }
          - match: com.example.targets.Targets#flag
            fault: { abort: { percent: 100 } }
            onReject: { return: true }
          - match: com.example.targets.Targets#text
            fault: { abort: { percent: 100 } }
            onReject: { return: fallback }
          - match: com.example.targets.Targets#item
            fault: { abort: { percent: 100 } }
            onReject: { return: { sku: fallback, quantity: 2 } }
        """);

    assertEquals("threw java.lang.IllegalStateException: injected by the test", result(app, "act"));
    assertEquals("returned", result(app, "actQuietly"));
    assertEquals("42", result(app, "number"), "the policy's own onReject wins over the rule's");
    assertEquals("7000000000", result(app, "big"));
    assertEquals("true", result(app, "flag"));
    assertEquals("fallback", result(app, "text"));
    assertEquals("Item[sku=fallback, quantity=2]", result(app, "item"));
    assertTrue(app.stdout().contains("bodies=0"), "no body ran: " + app.describe());

    Map<String, String> event = Logfmt.parse(app.awaitStdout(line -> Logfmt.isMethodEvent(line, "act")));
    assertEquals("refused", event.get("outcome"));
    assertEquals("fault", event.get("reason"));
    assertEquals("info", event.get("level"), "a refusal the config asked for is not an application error");
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertEquals(1, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "act", "outcome", "refused",
        "exception", "IllegalStateException"));
    assertEquals(0, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "act", "outcome", "error"));
    assertEquals(0, AdminMetrics.sum(metrics, "kit_method_active", "method", "act"));
    assertEquals(1, AdminMetrics.sum(metrics, "kit_fault_injected_total", "site", TARGETS + "act", "kind", "abort"));
    assertEquals(0, AdminMetrics.sum(metrics, "kit_fault_injected_total", "site", TARGETS + "act", "kind", "delay"));
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void anAbortAtThirtyPercentRefusesAboutThirtyPercentOfCalls(Jdk jdk) throws Exception {
    RunningApp app = run(jdk, """
        methods:
          - match: com.example.targets.Targets#sometimes
            fault: { abort: { percent: 30 } }
            metrics: true
        """, "sometimes", "3000");

    Matcher refused = Pattern.compile("sometimes refused=(\\d+) of 3000").matcher(String.join("\n", app.stdout()));
    assertTrue(refused.find(), app.describe());
    int count = Integer.parseInt(refused.group(1));
    assertTrue(count >= 750 && count <= 1050, count + " of 3000 refused, expected 25-35 %");
    assertTrue(app.stdout().contains("bodies=" + (3000 - count)), app.describe());
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertEquals(count, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "sometimes",
        "outcome", "refused", "exception", "RefusedException"));
    assertEquals(3000 - count, AdminMetrics.sum(metrics, "kit_method_seconds_count", "method", "sometimes",
        "outcome", "ok"));
    assertEquals(count, AdminMetrics.sum(metrics, "kit_fault_injected_total", "kind", "abort"));
  }

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void aDelayAddsItsDurationToTheCallAndToWhatIsMeasured(Jdk jdk) throws Exception {
    RunningApp app = run(jdk, """
        methods:
          - match: com.example.targets.Targets#slow
            fault: { delay: { percent: 100, duration: 300ms } }
            log: true
            metrics: true
        """, "slow");

    Matcher took = Pattern.compile("slow took (\\d+) ms").matcher(String.join("\n", app.stdout()));
    assertTrue(took.find(), app.describe());
    assertTrue(Integer.parseInt(took.group(1)) >= 300, took.group());
    Map<String, String> event = Logfmt.parse(app.awaitStdout(line -> Logfmt.isMethodEvent(line, "slow")));
    assertEquals("ok", event.get("outcome"));
    assertTrue(Double.parseDouble(event.get("duration_ms")) >= 300, event.toString());
    PrometheusText metrics = AdminMetrics.scrape(app.adminPort());
    assertTrue(AdminMetrics.sum(metrics, "kit_method_seconds_sum", "method", "slow") >= 0.3);
    assertEquals(1, AdminMetrics.sum(metrics, "kit_fault_injected_total", "kind", "delay"));
    assertTrue(app.stdout().contains("bodies=1"), "a delayed call still runs: " + app.describe());
  }

  @Test
  void anAnswerThatCannotBeGivenIsReportedWithFileLineAndKeyAndTheDocumentedExceptionIsThrown() throws Exception {
    RunningApp app = run(io.kitagent.it.harness.Jdks.current(), """
        methods:
          - match: com.example.targets.Targets#act
            fault: { abort: { percent: 100 } }
            onReject: { throw: com.example.targets.NoSuchException }
          - match: com.example.targets.Targets#number
            fault: { abort: { percent: 100 } }
            onReject: { return: "not a number" }
        """);

    String missing = app.awaitStderr(line -> line.contains("NoSuchException"));
    assertTrue(missing.contains(dir.resolve("targets.yaml") + ":7:15: methods[0].onReject: class "
        + "com.example.targets.NoSuchException does not exist"), missing);
    String mismatch = app.awaitStderr(line -> line.contains("methods[1].onReject"));
    assertTrue(mismatch.contains(":10:15: methods[1].onReject: return: \"not a number\" does not fit the method's "
        + "return type int"), mismatch);
    assertEquals("threw io.kitagent.bootstrap.RefusedException: refused by kit-agent fault: abort injected at "
        + TARGETS + "act", result(app, "act"));
    assertTrue(result(app, "number").startsWith("threw io.kitagent.bootstrap.RefusedException"), app.describe());
  }
}
