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
      // Split only before "key=", so that a path with a comma in it stays whole.
      for (String part : args.split(",(?=\\s*[A-Za-z.]+=)")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? "config" : part.substring(0, eq).trim();
        String value = eq < 0 ? part.trim() : part.substring(eq + 1).trim();
        switch (key) {
          case "config" -> config = value;
          case "strict" -> {
            if (!value.equals("true") && !value.equals("false")) {
              problems.add("agent option strict=" + value + " is not true or false; taken as true");
            }
            strict = !value.equals("false");
          }
          default -> problems.add("unknown agent option \"" + key + "\" in \"" + args
              + "\" (known: config, strict)");
        }
      }
    }
    if (config == null || config.isEmpty()) {
      config = firstNonEmpty(property("kit.agent.config"), environment("KIT_AGENT_CONFIG"));
    }
    if (strict == null) {
      strict = Boolean.parseBoolean(property("kit.agent.strict"));
    }
    return new AgentArgs(config, strict, problems);
  }

  /** Null when unset or unreadable (a security manager may refuse). */
  private static String property(String name) {
    try {
      return System.getProperty(name);
    } catch (SecurityException e) {
      return null;
    }
  }

  private static String environment(String name) {
    try {
      return System.getenv(name);
    } catch (SecurityException e) {
      return null;
    }
  }

  private static String firstNonEmpty(String first, String second) {
    return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
  }
}
