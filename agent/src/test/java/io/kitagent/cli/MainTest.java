package io.kitagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
      return Main.run(args, out, err);
    }
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> errLines() {
    return err().lines().toList();
  }

  private String write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toString();
  }

  // ---- the command line ----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void helpPrintsTheUsageToStandardOutputAndExitsZero(String help) {
    assertEquals(0, run(help));

    assertEquals(Main.USAGE, out());
    assertTrue(out().contains("check <config-file>"), out());
    assertEquals("", err());
  }

  @Test
  void noArgumentsPrintTheUsageToStandardErrorAndExitTwo() {
    assertEquals(2, run());

    assertEquals(Main.USAGE, err());
    assertEquals("", out());
  }

  @Test
  void anUnknownCommandIsNamedOnStandardErrorAndExitsTwo() {
    assertEquals(2, run("frobnicate", "x.yaml"));

    assertTrue(err().startsWith("kit-agent: unknown command \"frobnicate\"\n"), err());
    assertTrue(err().contains(Main.USAGE), err());
    assertEquals("", out());
  }

  @Test
  void versionPrintsTheAgentVersionAndExitsZero() {
    assertEquals(0, run("--version"));

    assertTrue(out().startsWith("kit-agent "), out());
    assertEquals(1, out().lines().count());
  }

  // ---- check: usage --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void checkHelpPrintsTheCheckUsageAndExitsZero(String help) {
    assertEquals(0, run("check", help));

    assertEquals(CheckCommand.USAGE, out());
    assertTrue(out().startsWith("Usage: java -jar kit-agent.jar check <config-file>"), out());
    assertEquals("", err());
  }

  @Test
  void checkWithoutAFileIsAUsageErrorExitingTwo() {
    assertEquals(2, run("check"));

    assertEquals(CheckCommand.USAGE, err());
    assertEquals("", out());
  }

  @Test
  void checkWithTwoFilesIsAUsageErrorExitingTwo() {
    assertEquals(2, run("check", "a.yaml", "b.yaml"));

    assertEquals(CheckCommand.USAGE, err());
  }

  @Test
  void checkWithAnUnknownOptionIsAUsageErrorExitingTwo() {
    assertEquals(2, run("check", "--verbose"));

    assertEquals(CheckCommand.USAGE, err());
  }

  // ---- check: valid files --------------------------------------------------------------------

  @Test
  void checkOfAValidFilePrintsTheEffectiveConfigWithDefaultsAndExitsZero() throws IOException {
    String file = write("valid.yaml", """
        service: orders
        methods:
          - match: com.example.orders.OrderService#placeOrder
            log:
              args: true
              redact: [Password]
        """);

    assertEquals(0, run("check", file));

    assertTrue(out().contains("format: logfmt"), out());
    assertTrue(out().contains("level: info"), out());
    assertTrue(out().contains("output: stdout"), out());
    assertEquals(List.of(file + ": valid"), errLines());
  }

  @Test
  void checkPrintsTheEffectiveConfigAsYamlThatReadsBack() throws IOException {
    String file = write("valid.yaml", """
        service: orders
        methods:
          - match: com.example.orders.OrderService#placeOrder
            log:
              args: true
              redact: [Password]
          - annotated: com.example.Monitored
            log: false
        """);

    assertEquals(0, run("check", file));

    JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(out());
    assertEquals("orders", config.get("service").textValue());
    assertTrue(config.at("/agent/enabled").booleanValue());
    assertEquals(BooleanNode.FALSE, config.at("/agent/strict"));
    assertEquals("info", config.at("/logging/level").textValue());
    assertEquals("logfmt", config.at("/logging/format").textValue());
    assertEquals("stdout", config.at("/logging/output").textValue());
    JsonNode first = config.get("methods").get(0);
    assertEquals("com.example.orders.OrderService#placeOrder", first.get("match").textValue());
    assertEquals("info", first.at("/log/level").textValue());
    assertTrue(first.at("/log/args").booleanValue());
    assertEquals(BooleanNode.FALSE, first.at("/log/result"));
    assertEquals("password", first.at("/log/redact/0").textValue());
    JsonNode second = config.get("methods").get(1);
    assertEquals("com.example.Monitored", second.get("annotated").textValue());
    assertNull(second.get("log"), "a policy that is off is not shown");
  }

  @Test
  void checkAcceptsAJsonFile() throws IOException {
    String file = write("orders.json", """
        {"service": "orders", "logging": {"format": "json"}}
        """);

    assertEquals(0, run("check", file));

    assertTrue(out().contains("format: json"), out());
    assertEquals(List.of(file + ": valid"), errLines());
  }

  // ---- check: invalid files ------------------------------------------------------------------

  @Test
  void checkOfAnInvalidFilePrintsEveryProblemWithItsPlaceAndExitsTwo() throws IOException {
    String file = write("invalid.yaml", """
        service: orders
        logging:
          level: loud
          formatt: json
        methods:
          - match: com.example.orders.OrderService
            log: true
        """);

    assertEquals(2, run("check", file));

    assertEquals(List.of(
        file + ":3:10: logging.level: expected one of debug, info, warn, error, got \"loud\"",
        file + ":4:3: logging.formatt: unknown key (did you mean \"format\"?); known keys here: "
            + "level, format, output",
        file + ":6:12: methods[0].match: expected <class>#<method>, for example "
            + "com.example.orders.OrderService#placeOrder, got \"com.example.orders.OrderService\"",
        file + ": 3 problems"), errLines());
    assertEquals("", out());
  }

  @Test
  void everyProblemLineNamesFileLineColumnAndKeyPath() throws IOException {
    String file = write("invalid.yaml", """
        service: ""
        agent:
          enabled: maybe
        methods:
          - log: true
        """);

    assertEquals(2, run("check", file));

    List<String> problems = errLines().subList(0, errLines().size() - 1);
    assertEquals(3, problems.size(), err());
    for (String problem : problems) {
      assertTrue(problem.startsWith(file + ":"), problem);
      assertTrue(problem.substring(file.length()).matches(":\\d+:\\d+: [\\w.\\[\\]]+: .+"), problem);
    }
    assertEquals(file + ": 3 problems", errLines().get(errLines().size() - 1));
  }

  @Test
  void checkCountsASingleProblemInTheSingular() throws IOException {
    String file = write("one.yaml", "service: orders\nlogging:\n  format: xml\n");

    assertEquals(2, run("check", file));

    assertEquals(List.of(
        file + ":3:11: logging.format: expected one of logfmt, json, got \"xml\"",
        file + ": 1 problem"), errLines());
  }

  @Test
  void checkOfAMissingFileSaysSoAndExitsTwo() {
    String file = dir.resolve("missing.yaml").toString();

    assertEquals(2, run("check", file));

    assertEquals(List.of(file + ": file not found", file + ": 1 problem"), errLines());
    assertEquals("", out());
  }
}
