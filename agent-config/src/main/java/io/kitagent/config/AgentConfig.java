package io.kitagent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
      root.put("http", map("client", describe(http.client()), "server", describe(http.server())));
    }
    if (!services.isEmpty()) {
      Map<String, Object> named = new LinkedHashMap<>();
      services.forEach(s -> named.put(s.name(), map("hosts", s.hosts())));
      root.put("services", named);
    }
    List<Object> rules = new ArrayList<>();
    for (MethodRule rule : methods) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put(rule.selector().key(), rule.selector().value());
      LogPolicy log = rule.log();
      entry.put("log", log == null ? false : map("level", log.level().word(), "args", log.args(),
          "result", log.result(), "redact", List.copyOf(new TreeSet<>(log.redact()))));
      entry.put("metrics", rule.metrics() == null ? false : describe(rule.metrics()));
      rules.add(entry);
    }
    root.put("methods", rules);
    return root;
  }

  private static Object describe(HttpPolicy policy) {
    if (policy == null) {
      return false;
    }
    HttpLogPolicy log = policy.log();
    return map("log", log == null ? false : map("level", log.level().word(), "query", log.query()),
        "metrics", policy.metrics() == null ? false : describe(policy.metrics()));
  }

  private static Map<String, Object> describe(MetricsPolicy policy) {
    Map<String, Object> tags = new LinkedHashMap<>();
    policy.tags().forEach(tag -> tags.put(tag.name(), tag.source()));
    return map("histogram", policy.histogram(), "percentiles", policy.percentiles(),
        "slo", policy.slo().stream().map(Durations::format).toList(), "tags", tags);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
