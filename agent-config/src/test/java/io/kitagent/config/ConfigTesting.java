package io.kitagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** Parsing a config text as {@code orders.yaml} and asserting on the problems found in it. */
final class ConfigTesting {

  private ConfigTesting() {}

  static AgentConfig parse(String yaml) throws ConfigException {
    return parse(yaml, Map.of());
  }

  static AgentConfig parse(String yaml, Map<String, String> variables) throws ConfigException {
    return ConfigLoader.withVariables(variables).parse("orders.yaml", yaml);
  }

  static ConfigException failure(String fileName, String text, Map<String, String> variables) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.withVariables(variables).parse(fileName, text));
  }

  static List<ConfigProblem> problems(String yaml) {
    return failure("orders.yaml", yaml, Map.of()).problems();
  }

  static ConfigProblem onlyProblem(String yaml) {
    List<ConfigProblem> problems = problems(yaml);
    assertEquals(1, problems.size(), () -> "expected exactly one problem, got " + problems);
    return problems.get(0);
  }

  /** The problem is at that line and column, on that key path, and its message has every word. */
  static void assertProblem(ConfigProblem problem, int line, int column, String path, String... words) {
    assertEquals(line + ":" + column, problem.line() + ":" + problem.column(), () -> "position of " + problem);
    assertEquals(path, problem.path(), () -> "path of " + problem);
    for (String word : words) {
      assertTrue(problem.message().contains(word), () -> "\"" + word + "\" missing from " + problem);
    }
  }
}
