package io.kitagent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A validated config file, defaults filled in. */
public record AgentConfig(String source, String service, AgentSettings agent, LoggingSettings logging,
    List<MethodRule> methods) {

  public AgentConfig {
    methods = List.copyOf(methods);
  }

  /** The effective config as plain maps and lists, in file order, for {@code check} to print. */
  public Map<String, Object> describe() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("service", service);
    root.put("agent", map("enabled", agent.enabled(), "strict", agent.strict()));
    root.put("logging", map("level", logging.level().word(), "format", Fields.word(logging.format()),
        "output", logging.output()));
    List<Object> rules = new ArrayList<>();
    for (MethodRule rule : methods) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put(rule.selector().key(), rule.selector().value());
      LogPolicy log = rule.log();
      entry.put("log", log == null ? false : map("level", log.level().word(), "args", log.args(),
          "result", log.result(), "redact", List.copyOf(new TreeSet<>(log.redact()))));
      rules.add(entry);
    }
    root.put("methods", rules);
    return root;
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
