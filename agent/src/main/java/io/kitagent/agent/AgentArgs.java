package io.kitagent.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options: {@code -javaagent:kit-agent.jar=config=orders.yaml,strict=true}. The config
 * path may also come from {@code -Dkit.agent.config} or {@code KIT_AGENT_CONFIG}, in that order after
 * the agent argument; {@code strict} likewise from {@code -Dkit.agent.strict}.
 */
record AgentArgs(String config, boolean strict, List<String> problems) {

  static AgentArgs parse(String args) {
    String config = null;
    Boolean strict = null;
    List<String> problems = new ArrayList<>();
    if (args != null && !args.isBlank()) {
      for (String part : args.split(",")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? "config" : part.substring(0, eq).trim();
        String value = eq < 0 ? part.trim() : part.substring(eq + 1).trim();
        switch (key) {
          case "config" -> config = value;
          case "strict" -> strict = Boolean.parseBoolean(value);
          default -> problems.add("unknown agent option \"" + key + "\" in \"" + args
              + "\" (known: config, strict)");
        }
      }
    }
    if (config == null || config.isEmpty()) {
      config = firstNonEmpty(System.getProperty("kit.agent.config"), System.getenv("KIT_AGENT_CONFIG"));
    }
    if (strict == null) {
      strict = Boolean.parseBoolean(System.getProperty("kit.agent.strict"));
    }
    return new AgentArgs(config, strict, problems);
  }

  private static String firstNonEmpty(String first, String second) {
    return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
  }
}
