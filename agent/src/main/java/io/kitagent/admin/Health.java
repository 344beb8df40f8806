package io.kitagent.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The agent's health: one entry per component that reports it (weaving, logging; later breakers and
 * discovery). The whole is {@code UP} when every component is.
 */
public final class Health {

  /** One component's state, with details worth showing (counts, the last error). */
  public record Status(boolean up, Map<String, Object> details) {
    public static Status up(Map<String, Object> details) {
      return new Status(true, details);
    }

    public static Status down(Map<String, Object> details) {
      return new Status(false, details);
    }
  }

  private final Map<String, Supplier<Status>> components = new ConcurrentHashMap<>();
  private final String version;
  private final long startedMillis;

  public Health(String version, long startedMillis) {
    this.version = version;
    this.startedMillis = startedMillis;
  }

  /** {@code check} may answer null: the component has nothing to report (yet). */
  public void register(String component, Supplier<Status> check) {
    components.put(component, check);
  }

  /** The health document: status, version, uptime and each component, in name order. */
  public Map<String, Object> report() {
    Map<String, Object> parts = new LinkedHashMap<>();
    boolean up = true;
    for (String name : new java.util.TreeSet<>(components.keySet())) {
      Status status;
      try {
        status = components.get(name).get();
      } catch (RuntimeException e) {
        status = Status.down(Map.of("error", e.toString()));
      }
      if (status == null) {
        continue;
      }
      up &= status.up();
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("status", status.up() ? "UP" : "DOWN");
      part.putAll(status.details());
      parts.put(name, part);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("status", up ? "UP" : "DOWN");
    report.put("version", version);
    report.put("uptime_seconds", (System.currentTimeMillis() - startedMillis) / 1000);
    report.put("components", parts);
    return report;
  }
}
