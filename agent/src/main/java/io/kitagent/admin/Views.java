package io.kitagent.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code GET /agent/<name>} shows ({@code /agent/breakers}, {@code /agent/limiters},
 * {@code /agent/bulkheads}): each policy word's live state, worked out at each request.
 */
public final class Views {

  private final List<Supplier<Map<String, Object>>> groups = new ArrayList<>();

  /** Adds views by name; {@code group} is asked at each request, so it may know of none yet. */
  public synchronized void registerAll(Supplier<Map<String, Object>> group) {
    groups.add(group);
  }

  /** The view called {@code name} now, or null when there is none. */
  public synchronized Object get(String name) {
    for (Supplier<Map<String, Object>> group : groups) {
      Object view = group.get().get(name);
      if (view != null) {
        return view;
      }
    }
    return null;
  }
}
