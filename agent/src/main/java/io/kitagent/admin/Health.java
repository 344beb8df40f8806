package io.kitagent.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<Supplier<Map<String, Status>>> groups = new CopyOnWriteArrayList<>();
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

  /**
   * Components whose names are known only when the report is made ({@code group} answers name to
   * status; a null status is left out), so that nothing is worked out before the first request.
   */
  public void registerAll(Supplier<Map<String, Status>> group) {
    groups.add(group);
  }

  /** The health document: status, version, uptime and each component, in name order. */
  public Map<String, Object> report() {
    Map<String, Supplier<Status>> all = new TreeMap<>(components);
    for (Supplier<Map<String, Status>> group : groups) {
      try {
        group.get().forEach((name, status) -> all.put(name, () -> status));
      } catch (RuntimeException e) {
        all.put("agent", () -> Status.down(Map.of("error", e.toString())));
      }
    }
    Map<String, Object> parts = new LinkedHashMap<>();
    boolean up = true;
    for (Map.Entry<String, Supplier<Status>> component : all.entrySet()) {
      String name = component.getKey();
      Status status;
      try {
        status = component.getValue().get();
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
