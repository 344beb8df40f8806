package io.kitagent.config;

import io.kitagent.health.HealthConfig;
import io.kitagent.http.HttpConfig;
import io.kitagent.http.HttpSettings;
import io.kitagent.http.ServiceSettings;
import io.kitagent.logging.LogConfig;
import io.kitagent.logging.LoggingSettings;
import io.kitagent.metrics.MetricsConfig;
import io.kitagent.metrics.MetricsSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated config file, defaults filled in: {@code service}, {@code agent}, each section of
 * {@link Words#SECTIONS} by its reader, and the method rules.
 */
public record AgentConfig(String source, String service, AgentSettings agent, Map<Section<?>, Object> sections,
    List<MethodRule> methods) {

  public AgentConfig {
    sections = Map.copyOf(sections);
    methods = List.copyOf(methods);
  }

  /** The section's value (its defaults when the file does not have it). */
  public <T> T get(Section<T> section) {
    @SuppressWarnings("unchecked")
    T value = (T) sections.get(section);
    return value;
  }

  public LoggingSettings logging() {
    return get(LogConfig.SECTION);
  }

  public MetricsSettings metrics() {
    return get(MetricsConfig.SECTION);
  }

  public HttpSettings http() {
    return get(HttpConfig.SECTION);
  }

  public List<ServiceSettings> services() {
    return get(HttpConfig.SERVICES);
  }

  public io.kitagent.discovery.DiscoveryConfig discovery() {
    return get(io.kitagent.discovery.DiscoveryConfig.SECTION);
  }

  public HealthConfig health() {
    return get(HealthConfig.SECTION);
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
    for (Section<?> section : Words.SECTIONS) {
      Object described = describe(section);
      if (described != null) {
        root.put(section.key(), described);
      }
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

  private <T> Object describe(Section<T> section) {
    return section.describe(get(section));
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
