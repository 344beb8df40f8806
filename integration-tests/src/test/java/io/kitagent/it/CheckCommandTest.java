package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Artifacts;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar kit-agent.jar ...}: the command line as a user runs it. */
class CheckCommandTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @Test
  void checkPrintsTheEffectiveConfigOfAValidFileAndExits0() {
    RunningApp check = apps.start(TestApp.agentCli("check",
        Artifacts.testAppFile("orders", "orders.yaml").toString()));

    assertEquals(0, check.awaitExit(), check.describe());
    String out = String.join("\n", check.stdout());
    assertTrue(out.contains("service: orders"), out);
    assertTrue(out.contains("format: logfmt"), "placeholder default filled in:\n" + out);
    assertTrue(out.contains("strict: false"), out);
    assertTrue(out.contains("match: com.example.orders.OrderService#placeOrder"), out);
    assertTrue(out.contains("- cardnumber"), out);
  }

  @Test
  void checkListsEveryProblemAndExits2(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("bad.yaml"), """
        service: orders
        agent: { strickt: true }
        methods:
          - match: com.example.OrderService
            log: { level: loud }
        """);
    RunningApp check = apps.start(TestApp.agentCli("check", config.toString()));

    assertEquals(2, check.awaitExit(), check.describe());
    String err = String.join("\n", check.stderr());
    assertTrue(err.contains(config + ":2:10: agent.strickt: unknown key (did you mean \"strict\"?)"), err);
    assertTrue(err.contains(config + ":4:12: methods[0].match: expected <class>#<method>"), err);
    assertTrue(err.contains(config + ":5:19: methods[0].log.level: expected one of debug, info, warn, error, got \"loud\""), err);
    assertTrue(err.contains("3 problems"), err);
  }

  @Test
  void helpOnTheJarAndOnEachCommandExits0() {
    RunningApp help = apps.start(TestApp.agentCli("--help"));
    assertEquals(0, help.awaitExit());
    assertTrue(help.stdout().stream().anyMatch(l -> l.contains("check <config-file>")), help.describe());

    RunningApp checkHelp = apps.start(TestApp.agentCli("check", "--help"));
    assertEquals(0, checkHelp.awaitExit());
    assertTrue(checkHelp.stdout().stream().anyMatch(l -> l.startsWith("Usage: java -jar kit-agent.jar check")),
        checkHelp.describe());
  }

  @Test
  void unknownCommandExits2WithUsage() {
    RunningApp cli = apps.start(TestApp.agentCli("frobnicate"));

    assertEquals(2, cli.awaitExit());
    assertTrue(cli.stderr().stream().anyMatch(l -> l.contains("unknown command \"frobnicate\"")), cli.describe());
  }
}
