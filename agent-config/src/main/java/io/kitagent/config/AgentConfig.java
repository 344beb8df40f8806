package io.kitagent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated config file, defaults filled in. */
public record AgentConfig(String source, String service, AgentSettings agent, LoggingSettings logging,
    MetricsSettings metrics, HttpSettings http, List<ServiceSettings> services, List<MethodRule> methods) {

  public AgentConfig {
    services = List.copyOf(services);
    methods = List.copyOf(methods);
  }

  /** The effective config as plain maps and lists, in file order, for {@code check} to print. */
  public Map<String, Object> describe() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("service", service);
    AdminSettings admin = agent.admin();
    Map<String, Object> adminMap = map("enabled", admin.enabled(), "address", admin.address());
    if (admin.token() != null) {
      adminMap.put("token", "***");
    }
    root.put("agent", map("enabled", agent.enabled(), "strict", agent.strict(), "admin", adminMap));
    root.put("logging", map("level", logging.level().word(), "format", Fields.word(logging.format()),
        "output", logging.output()));
    Map<String, Object> meters = map("prometheus", metrics.prometheus(), "jvm", metrics.jvm(),
        "maxTagValues", metrics.maxTagValues());
    StatsdSettings statsd = metrics.statsd();
    if (statsd != null) {
      meters.put("statsd", map("host", statsd.host(), "port", statsd.port(),
          "flavor", Fields.word(statsd.flavor()), "step", Durations.format(statsd.step())));
    }
    if (metrics.stdoutStep() != null) {
      meters.put("stdout", map("step", Durations.format(metrics.stdoutStep())));
    }
    root.put("metrics", meters);
    if (http.enabled()) {
      root.put("http", map("client", http.client() == null ? false : http.client().describe(),
          "server", http.server() == null ? false : http.server().describe()));
    }
    if (!services.isEmpty()) {
      Map<String, Object> named = new LinkedHashMap<>();
      for (ServiceSettings service : services) {
        Map<String, Object> described = map("hosts", service.hosts());
        described.putAll(service.rule().describe());
        named.put(service.name(), described);
      }
      root.put("services", named);
    }
    List<Object> rules = new ArrayList<>();
    for (MethodRule rule : methods) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put(rule.selector().key(), rule.selector().value());
      entry.putAll(rule.rule().describe());
      rules.add(entry);
    }
    root.put("methods", rules);
    return root;
  }

  /** A map in the order of {@code keysAndValues}, for describing a config. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
