package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.failure;
import static io.kitagent.config.ConfigTesting.onlyProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.logging.LogConfig;
import io.kitagent.logging.LogPolicy;
import io.kitagent.logging.LoggingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  // ---------------------------------------------------------------- valid files

  @Test
  void aFullFileLoadsWithEveryValueAsWritten() throws Exception {
    AgentConfig config = parse("""
        # Kit Agent config for the orders service
        service: orders
        agent:
          enabled: false
          strict: true
        logging:
          level: debug
          format: json
          output: stderr
        methods:
          - match: com.example.orders.*Service#place*(String, int)
            log:
              level: warn
              args: true
              result: true
              redact: [cardNumber, CVV]
          - annotated: com.example.Monitored
            log: true
          - implements: com.example.orders.Api
        """);

    assertEquals("orders.yaml", config.source());
    assertEquals("orders", config.service());
    assertEquals(new AgentSettings(false, true, new AdminSettings(true, "127.0.0.1", 9464, null)), config.agent());
    assertEquals(new LoggingSettings(Level.DEBUG, LogFormat.JSON, "stderr"), config.logging());
    assertEquals(3, config.methods().size());

    MethodRule first = config.methods().get(0);
    assertEquals(0, first.index());
    MethodSelector.Match match = assertInstanceOf(MethodSelector.Match.class, first.selector());
    assertEquals("com.example.orders.*Service#place*(String, int)", match.value());
    assertTrue(match.pattern().matchesClass("com.example.orders.OrderService"));
    assertTrue(match.pattern().matchesMethod("placeOrder"));
    assertTrue(match.pattern().matchesParameters(List.of("java.lang.String", "int")));
    assertEquals(new LogPolicy(Level.WARN, true, true, Set.of("cardnumber", "cvv")), first.get(LogConfig.METHOD));
    assertTrue(first.get(LogConfig.METHOD).redacts("CardNumber"), "redaction ignores case");

    MethodRule second = config.methods().get(1);
    assertEquals(1, second.index());
    assertEquals(new MethodSelector.Annotated("com.example.Monitored"), second.selector());
    assertEquals(LogPolicy.DEFAULT, second.get(LogConfig.METHOD));

    MethodRule third = config.methods().get(2);
    assertEquals(2, third.index());
    assertEquals(new MethodSelector.Implements("com.example.orders.Api"), third.selector());
    assertNull(third.get(LogConfig.METHOD), "a rule without log: does not log");
  }

  @Test
  void aFileWithOnlyTheServiceGetsEveryDefault() throws Exception {
    AgentConfig config = parse("""
        service: orders
        """);

    assertTrue(config.agent().enabled(), "agent.enabled defaults to true");
    assertFalse(config.agent().strict(), "agent.strict defaults to false");
    assertEquals(Level.INFO, config.logging().level());
    assertEquals(LogFormat.LOGFMT, config.logging().format());
    assertEquals(LoggingSettings.STDOUT, config.logging().output());
    assertEquals(List.of(), config.methods());
  }

  @Test
  void logTrueGivesTheDefaultPolicyAndLogFalseNone() throws Exception {
    AgentConfig config = parse("""
        service: orders
        methods:
          - match: com.example.A#a
            log: true
          - match: com.example.B#b
            log: false
        """);

    assertEquals(LogPolicy.DEFAULT, config.methods().get(0).get(LogConfig.METHOD));
    assertEquals(new LogPolicy(Level.INFO, false, false, Set.of()), LogPolicy.DEFAULT);
    assertNull(config.methods().get(1).get(LogConfig.METHOD));
  }

  @Test
  void aLogMappingFillsInTheDefaultsItLeavesOut() throws Exception {
    AgentConfig config = parse("""
        service: orders
        methods:
          - match: com.example.A#a
            log:
              args: true
              redact: password
        """);

    assertEquals(new LogPolicy(Level.INFO, true, false, Set.of("password")), config.methods().get(0).get(LogConfig.METHOD),
        "a single string is accepted as a redact list of one");
  }

  @Test
  void enumValuesIgnoreCase() throws Exception {
    AgentConfig config = parse("""
        service: orders
        logging:
          level: WARN
          format: Json
        """);

    assertEquals(Level.WARN, config.logging().level());
    assertEquals(LogFormat.JSON, config.logging().format());
  }

  @Test
  void outputMayBeAFileInAnExistingDirectory(@TempDir Path dir) throws Exception {
    String file = dir.resolve("agent.log").toString();

    AgentConfig config = parse("""
        service: orders
        logging:
          output: "%s"
        """.formatted(file));

    assertEquals(file, config.logging().output());
  }

  @Test
  void describeGivesTheEffectiveConfigAsPlainMapsInFileOrder() throws Exception {
    AgentConfig config = parse("""
        service: orders
        logging:
          format: json
        methods:
          - match: com.example.OrderService#placeOrder
            log:
              level: debug
              args: true
              redact: [Token, cardNumber]
          - annotated: com.example.Monitored
            log: true
          - implements: com.example.Api
        """);

    Map<String, Object> described = config.describe();

    assertEquals(List.of("service", "agent", "logging", "metrics", "methods"), new ArrayList<>(described.keySet()));
    assertEquals("orders", described.get("service"));
    assertEquals(Map.of("enabled", true, "strict", false,
        "admin", Map.of("enabled", true, "address", "127.0.0.1:9464")), described.get("agent"));
    assertEquals(Map.of("prometheus", true, "jvm", true, "maxTagValues", 100), described.get("metrics"));
    assertEquals(Map.of("level", "info", "format", "json", "output", "stdout"), described.get("logging"));
    assertEquals(List.of(
        Map.of("match", "com.example.OrderService#placeOrder",
            "log", Map.of("level", "debug", "args", true, "result", false,
                "redact", List.of("cardnumber", "token"))),
        Map.of("annotated", "com.example.Monitored",
            "log", Map.of("level", "info", "args", false, "result", false, "redact", List.of())),
        Map.of("implements", "com.example.Api")),
        described.get("methods"));
  }

  // ---------------------------------------------------------------- unknown keys

  @Test
  void unknownTopLevelKeyIsReportedAtTheKeyWithTheKnownKeys() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        colour: red
        """);

    assertProblem(problem, 2, 1, "colour", "unknown key", "known keys here: agent, service, logging, metrics, http, services, discovery, health, methods");
    assertFalse(problem.message().contains("did you mean"), problem.message());
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          strickt: true
        """);

    assertProblem(problem, 3, 3, "agent.strickt", "unknown key (did you mean \"strict\"?)",
        "known keys here: enabled, strict, admin");
  }

  @Test
  void misspelledTopLevelKeySuggestsTheKnownKey() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methds:
          - match: com.example.A#a
        """);

    assertProblem(problem, 2, 1, "methds", "unknown key (did you mean \"methods\"?)");
  }

  @Test
  void unknownKeyDeepInAMethodRuleHasItsFullPath() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            log:
              levle: warn
        """);

    assertProblem(problem, 5, 7, "methods[0].log.levle", "unknown key (did you mean \"level\"?)",
        "known keys here: level, args, result, redact");
  }

  // ---------------------------------------------------------------- wrong types

  @Test
  void stringWhereABooleanIsExpected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          enabled: "yes"
        """);

    assertProblem(problem, 3, 12, "agent.enabled", "expected true or false, got \"yes\"");
  }

  @Test
  void numberWhereABooleanIsExpected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          strict: 1
        """);

    assertProblem(problem, 3, 11, "agent.strict", "expected true or false, got 1");
  }

  @Test
  void mappingWhereAListIsExpected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          match: com.example.A#a
        """);

    assertProblem(problem, 3, 3, "methods", "expected a list, got a mapping");
  }

  @Test
  void listWhereAMappingIsExpected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        logging:
          - level: info
        """);

    assertProblem(problem, 3, 3, "logging", "expected a mapping, got a list");
  }

  @Test
  void booleanWhereAStringIsExpected() {
    ConfigProblem problem = onlyProblem("""
        service: true
        """);

    assertProblem(problem, 1, 10, "service", "expected a string, got true");
  }

  @Test
  void logThatIsNeitherABooleanNorAMapping() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            log: maybe
        """);

    assertProblem(problem, 4, 10, "methods[0].log", "expected true or false, got \"maybe\"");
  }

  @Test
  void redactEntryThatIsNotAString() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            log:
              redact: [token, 1]
        """);

    assertProblem(problem, 5, 23, "methods[0].log.redact[1]", "expected a string, got 1");
  }

  // ---------------------------------------------------------------- enum values

  @Test
  void badLevelNamesTheAllowedValuesAndTheListIndex() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            log: true
          - match: com.example.B#b
          - match: com.example.C#c
            log:
              level: loud
        """);

    assertProblem(problem, 8, 14, "methods[2].log.level", "expected one of debug, info, warn, error, got \"loud\"");
    assertEquals("orders.yaml:8:14: methods[2].log.level: expected one of debug, info, warn, error, got \"loud\"",
        problem.toString());
  }

  @Test
  void badLogFormatNamesTheAllowedFormats() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        logging:
          format: xml
        """);

    assertProblem(problem, 3, 11, "logging.format", "expected one of logfmt, json, got \"xml\"");
  }

  // ---------------------------------------------------------------- service

  @Test
  void missingServiceIsReportedAtTheTopMappingWithAnExample() {
    ConfigProblem problem = onlyProblem("""
        agent:
          enabled: true
        """);

    assertProblem(problem, 1, 1, "service", "required key is missing", "for example service: orders");
  }

  @Test
  void serviceWithoutAValueIsReportedAtTheValue() {
    ConfigProblem problem = onlyProblem("""
        service:
        """);

    assertProblem(problem, 1, 9, "service", "must not be empty");
  }

  @Test
  void blankServiceIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: "  "
        """);

    assertProblem(problem, 1, 10, "service", "must not be empty");
  }

  // ---------------------------------------------------------------- method selectors

  @Test
  void matchWithoutHashIsRejectedWithAnExample() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService.placeOrder
        """);

    assertProblem(problem, 3, 12, "methods[0].match", "expected <class>#<method>",
        "for example com.example.orders.OrderService#placeOrder", "got \"com.example.OrderService.placeOrder\"");
  }

  @Test
  void matchWithABadCharacterInThePackageNamesTheSegment() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.exa-mple.OrderService#placeOrder
        """);

    assertProblem(problem, 3, 12, "methods[0].match", "\"exa-mple\" is not a package or class name");
  }

  @Test
  void matchWithABadCharacterInTheMethodNamesTheMethod() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#pl@ce
        """);

    assertProblem(problem, 3, 12, "methods[0].match", "\"pl@ce\" is not a method name");
  }

  @Test
  void annotatedWithAnInvalidTypeNameIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - annotated: com.example.Not Valid
        """);

    assertProblem(problem, 3, 16, "methods[0].annotated", "expected a fully qualified type name",
        "got \"com.example.Not Valid\"");
  }

  @Test
  void implementsWithAnInvalidTypeNameIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - implements: 1com.example.Api
        """);

    assertProblem(problem, 3, 17, "methods[0].implements", "expected a fully qualified type name",
        "got \"1com.example.Api\"");
  }

  @Test
  void matchAndAnnotatedInOneEntryAreRejectedAtTheEntry() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            annotated: com.example.Monitored
        """);

    assertProblem(problem, 3, 5, "methods[0]", "give only one of match, annotated or implements",
        "split it into two entries");
  }

  @Test
  void entryWithNoSelectorIsRejectedAtTheEntry() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
          - log: true
        """);

    assertProblem(problem, 4, 5, "methods[1]", "needs one of match, annotated or implements");
  }

  // ---------------------------------------------------------------- placeholders

  @Test
  void unsetPlaceholderWithoutDefaultNamesTheVariable() {
    ConfigProblem problem = onlyProblem("""
        service: ${SERVICE_NAME}
        """);

    assertProblem(problem, 1, 10, "service", "${SERVICE_NAME} is not set", "has no default",
        "write ${SERVICE_NAME:default}");
  }

  @Test
  void unsetPlaceholderTakesItsDefault() throws Exception {
    AgentConfig config = parse("""
        service: ${SERVICE_NAME:orders}
        """);

    assertEquals("orders", config.service());
  }

  @Test
  void setPlaceholderWinsOverItsDefault() throws Exception {
    AgentConfig config = parse("""
        service: ${SERVICE_NAME:orders}
        """, Map.of("SERVICE_NAME", "billing"));

    assertEquals("billing", config.service());
  }

  @Test
  void placeholderCanProduceABooleanForAgentEnabled() throws Exception {
    String yaml = """
        service: orders
        agent:
          enabled: ${AGENT_ENABLED}
          strict: ${AGENT_STRICT:true}
        """;

    AgentConfig config = parse(yaml, Map.of("AGENT_ENABLED", "false"));

    assertFalse(config.agent().enabled());
    assertTrue(config.agent().strict());
  }

  @Test
  void placeholderProducingANonBooleanIsRejected() {
    ConfigException e = failure("orders.yaml", """
        service: orders
        agent:
          enabled: ${AGENT_ENABLED}
        """, Map.of("AGENT_ENABLED", "maybe"));

    assertEquals(1, e.problems().size(), e::getMessage);
    assertProblem(e.problems().get(0), 3, 12, "agent.enabled", "expected true or false, got \"maybe\"");
  }

  @Test
  void doubleDollarWritesALiteralPlaceholder() throws Exception {
    AgentConfig config = parse("""
        service: "orders-$${REGION}"
        """, Map.of("REGION", "eu"));

    assertEquals("orders-${REGION}", config.service());
  }

  // ---------------------------------------------------------------- file structure

  @Test
  void duplicateKeysAreReportedAtTheSecondOccurrence() {
    List<ConfigProblem> problems = problems("""
        service: orders
        logging:
          level: info
          level: debug
        service: billing
        """);

    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 4, 3, "logging.level", "duplicate key (first at line 3)");
    assertProblem(problems.get(1), 5, 1, "service", "duplicate key (first at line 1)");
  }

  @Test
  void yamlSyntaxErrorReportsTheLine() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          enabled: true
         strict: false
        """);

    assertProblem(problem, 4, 2, "", "not valid YAML");
    assertFalse(problem.message().contains("\n"), "one line: " + problem.message());
    assertFalse(problem.message().contains("in 'reader'"), problem.message());
  }

  @Test
  void binaryTagIsAProblemNotACrash() {
    ConfigProblem problem = onlyProblem("""
        service: !!binary aGVsbG8=
        """);

    assertProblem(problem, 1, 10, "service", "is not supported");
  }

  @Test
  void aliasesAreRejectedInsteadOfReadAsTheirNames() {
    ConfigProblem problem = onlyProblem("""
        service: &name orders
        logging: { output: *name }
        """);

    assertProblem(problem, 2, 20, "logging.output", "YAML aliases (*name) are not supported");
  }

  @Test
  void matchOnJdkClassesIsRejectedBecauseTheyAreNeverWoven() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: java.util.ArrayList#add
        """);

    assertProblem(problem, 3, 12, "methods[0].match", "are never woven");
  }

  @Test
  void annotatedNeedsAPackage() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - annotated: Monitored
        """);

    assertProblem(problem, 3, 16, "methods[0].annotated", "fully qualified");
  }

  @Test
  void nulCharacterInTheOutputPathIsAProblemNotACrash() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        logging:
          output: "/tmp/agent\\0.log"
        """);

    assertProblem(problem, 3, 11, "logging.output", "expected stdout, stderr or a file path", "Nul character not allowed");
  }

  @Test
  void directoryAsOutputSaysItIsADirectory() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        logging: { output: / }
        """);

    assertProblem(problem, 2, 20, "logging.output", "got the directory \"/\"");
  }

  @Test
  void standardStreamNamesIgnoreCase() throws ConfigException {
    AgentConfig config = parse("""
        service: orders
        logging: { output: STDERR }
        """);

    assertEquals(LoggingSettings.STDERR, config.logging().output());
  }

  @Test
  void badMatchBesideImplementsReportsBothAndNoUnknownKey() {
    List<ConfigProblem> problems = problems("""
        service: orders
        methods:
          - match: nonsense
            implements: com.example.Api
        """);

    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 3, 12, "methods[0].match", "expected <class>#<method>");
    assertProblem(problems.get(1), 3, 5, "methods[0]", "give only one of match, annotated or implements");
  }

  @Test
  void unresolvedPlaceholderIsReportedOnce() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent: { enabled: "${KIT_UNSET_FOR_TEST}" }
        """);

    assertProblem(problem, 2, 19, "agent.enabled", "${KIT_UNSET_FOR_TEST} is not set");
  }

  @Test
  void unresolvedRequiredValueIsReportedOnce() {
    ConfigProblem problem = onlyProblem("""
        service: ${KIT_UNSET_FOR_TEST}
        """);

    assertProblem(problem, 1, 10, "service", "${KIT_UNSET_FOR_TEST} is not set");
  }

  @Test
  void matchOfTheWrongTypeIsReportedOnce() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: true
        """);

    assertProblem(problem, 3, 12, "methods[0].match", "expected a string");
  }

  @Test
  void methodEntryThatIsNotAMappingIsReportedOnce() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - com.example.OrderService#placeOrder
        """);

    assertProblem(problem, 3, 5, "methods[0]", "expected a mapping");
  }

  @Test
  void emptyFileIsReported() {
    ConfigProblem problem = onlyProblem("");

    assertProblem(problem, 0, 0, "", "the file is empty");
    assertEquals("orders.yaml: the file is empty", problem.toString());
  }

  @Test
  void fileWithOnlyCommentsCountsAsEmpty() {
    ConfigProblem problem = onlyProblem("""
        # nothing here yet

        """);

    assertProblem(problem, 0, 0, "", "the file is empty");
  }

  @Test
  void moreThanOneYamlDocumentIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        ---
        service: billing
        """);

    assertProblem(problem, 3, 1, "", "only one document is allowed in a file");
  }

  @Test
  void jsonFileIsParsedAsJsonWithLinesAndColumnsInItsErrors() {
    ConfigException e = failure("orders.json", """
        {
          "service": "orders",
          "agent": {
            "enabled": "yes",
            "strikt": true
          },
          "methods": [
            {"match": "com.example.A#a", "log": {"level": "loud"}}
          ]
        }
        """, Map.of());

    List<ConfigProblem> problems = e.problems();
    assertEquals(3, problems.size(), e::getMessage);
    assertEquals("orders.json", problems.get(0).file());
    assertProblem(problems.get(0), 4, 16, "agent.enabled", "expected true or false, got \"yes\"");
    assertProblem(problems.get(1), 5, 5, "agent.strikt", "unknown key (did you mean \"strict\"?)");
    assertProblem(problems.get(2), 8, 51, "methods[0].log.level", "expected one of debug, info, warn, error");
  }

  @Test
  void validJsonFileLoads() throws Exception {
    AgentConfig config = ConfigLoader.withVariables(Map.of()).parse("orders.json", """
        {"service": "orders", "methods": [{"match": "com.example.A#a", "log": true}]}
        """);

    assertEquals("orders", config.service());
    assertEquals(LogPolicy.DEFAULT, config.methods().get(0).get(LogConfig.METHOD));
  }

  @Test
  void jsonSyntaxErrorReportsTheLine() {
    ConfigException e = failure("orders.json", """
        {
          "service": "orders",
          "agent": {
            "enabled": true,
          }
        }
        """, Map.of());

    assertEquals(1, e.problems().size(), e::getMessage);
    assertProblem(e.problems().get(0), 5, 3, "", "not valid JSON");
  }

  @Test
  void yamlInAJsonFileIsNotValidJson() {
    ConfigException e = failure("orders.JSON", """
        service: orders
        """, Map.of());

    assertEquals(1, e.problems().size(), e::getMessage);
    assertProblem(e.problems().get(0), 1, 8, "", "not valid JSON", "Unrecognized token 'service'");
  }

  // ---------------------------------------------------------------- logging.output

  @Test
  void outputInADirectoryThatDoesNotExistIsRejected(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-dir");
    ConfigProblem problem = onlyProblem("""
        service: orders
        logging:
          output: "%s"
        """.formatted(missing.resolve("agent.log")));

    assertProblem(problem, 3, 11, "logging.output", "expected stdout, stderr or a file in an existing directory",
        "directory " + missing + " does not exist");
  }

  // ---------------------------------------------------------------- all problems at once, strict

  @Test
  void everyProblemInTheFileIsReportedInOneException() {
    ConfigException e = failure("orders.yaml", """
        agent:
          strickt: true
        logging:
          level: loud
        methods:
          - match: com.example.OrderService
          - annotated: com.example.Monitored
            log: maybe
        """, Map.of());

    assertEquals(List.of(
        "orders.yaml:2:3: agent.strickt: unknown key (did you mean \"strict\"?); known keys here: enabled, strict, admin",
        "orders.yaml:1:1: service: required key is missing (for example service: orders)",
        "orders.yaml:4:10: logging.level: expected one of debug, info, warn, error, got \"loud\"",
        "orders.yaml:6:12: methods[0].match: expected <class>#<method>, for example "
            + "com.example.orders.OrderService#placeOrder, got \"com.example.OrderService\"",
        "orders.yaml:8:10: methods[1].log: expected true or false, got \"maybe\""),
        e.problems().stream().map(ConfigProblem::toString).toList());
    assertEquals(String.join("\n", e.problems().stream().map(ConfigProblem::toString).toList()), e.getMessage());
  }

  @Test
  void strictIsRequestedWhenTheBrokenFileAsksForIt() {
    ConfigException e = failure("orders.yaml", """
        agent: {strict: true}
        methods:
          - match: nonsense
        """, Map.of());

    assertTrue(e.strictRequested());
    assertEquals(2, e.problems().size(), e::getMessage);
  }

  @Test
  void strictIsNotRequestedWhenTheBrokenFileDoesNotAskForIt() {
    ConfigException e = failure("orders.yaml", """
        agent: {enabled: true}
        methods:
          - match: nonsense
        """, Map.of());

    assertFalse(e.strictRequested());
  }

  // ---------------------------------------------------------------- load(Path)

  @Test
  void loadOfAMissingFileSaysFileNotFound(@TempDir Path dir) {
    Path file = dir.resolve("missing.yaml");

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withVariables(Map.of()).load(file));

    assertEquals(List.of(new ConfigProblem(file.toString(), 0, 0, "", "file not found")), e.problems());
    assertEquals(file + ": file not found", e.getMessage());
    assertFalse(e.strictRequested());
  }

  @Test
  void loadReadsTheFileAndNamesItInProblems(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        """);
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        service: orders
        colour: red
        """);
    ConfigLoader loader = ConfigLoader.withVariables(Map.of());

    assertEquals(good.toString(), loader.load(good).source());
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(bad));
    assertTrue(e.getMessage().startsWith(bad + ":2:1: colour: unknown key"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers
}
