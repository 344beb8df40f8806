package io.kitagent.bulkhead;

import io.kitagent.config.Durations;
import io.kitagent.config.Fields;
import io.kitagent.config.Node;
import io.kitagent.config.OnReject;
import io.kitagent.config.RuleKind;
import io.kitagent.config.RuleWord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bulkhead:} of a rule, a Resilience4j semaphore bulkhead: at most {@code maxConcurrentCalls}
 * calls at once, a caller waiting at most {@code maxWaitDuration} for a place (0: refused at once).
 * On {@code http.server}, {@code routes} gives paths their own bulkheads.
 */
public record Bulkhead(int maxConcurrentCalls, Duration maxWaitDuration, List<Route> routes, OnReject onReject) {

  public static final String KEY = "bulkhead";

  /** A path pattern ({@code *} stands for any characters) with its own bulkhead. */
  public record Route(String pattern, Bulkhead bulkhead) {}

  public Bulkhead {
    routes = List.copyOf(routes);
  }

  /** Whether requests that match no route are bounded ({@code maxConcurrentCalls} is 0 when only routes are). */
  public boolean limits() {
    return maxConcurrentCalls > 0;
  }

  public static final RuleWord<Bulkhead> WORD = RuleWord.of(KEY, kind -> true, Bulkhead::read, Bulkhead::describe);

  static Bulkhead read(Fields rule, RuleKind kind) {
    Fields f = rule.toggleOrSection(KEY);
    if (f == null) {
      return null;
    }
    boolean hasRoutes = kind == RuleKind.HTTP_SERVER && f.written("routes");
    Bulkhead bulkhead = read(f, kind, null, hasRoutes);
    List<Route> routes = new ArrayList<>();
    if (hasRoutes) {
      Fields all = f.object("routes");
      for (Map.Entry<String, Node.Entry> entry : all.entries().entrySet()) {
        String pattern = entry.getKey();
        if (!pattern.startsWith("/")) {
          all.problems().add(entry.getValue().line(), entry.getValue().column(), all.path(pattern),
              "a route is a path starting with / (for example \"/orders/*\")");
        }
        Fields route = all.object(pattern);
        Bulkhead own = read(route, kind, bulkhead, false);
        if (!bulkhead.limits() && !route.written("maxConcurrentCalls")) {
          route.problems().add(route.at(), route.path("maxConcurrentCalls"),
              "required key is missing (for example maxConcurrentCalls: 10)");
        }
        route.done();
        routes.add(new Route(pattern, own));
      }
    }
    f.done();
    return new Bulkhead(bulkhead.maxConcurrentCalls, bulkhead.maxWaitDuration, routes, bulkhead.onReject);
  }

  /** One bulkhead's keys (Resilience4j's defaults: 25 calls, no wait); a route's default to the section's. */
  private static Bulkhead read(Fields f, RuleKind kind, Bulkhead parent, boolean onlyRoutes) {
    int fallback = parent != null ? parent.maxConcurrentCalls : onlyRoutes ? 0 : 25;
    int max = onlyRoutes && !f.written("maxConcurrentCalls") ? 0
        : f.integer("maxConcurrentCalls", fallback == 0 ? 25 : fallback, 1, 1_000_000);
    Duration wait = f.durationOrZero("maxWaitDuration", parent == null ? Duration.ZERO : parent.maxWaitDuration);
    OnReject onReject = OnReject.read(f, kind);
    return new Bulkhead(max, wait, List.of(), onReject != null ? onReject : parent == null ? null : parent.onReject);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (limits()) {
      out.put("maxConcurrentCalls", maxConcurrentCalls);
      out.put("maxWaitDuration", maxWaitDuration.isZero() ? "0" : Durations.format(maxWaitDuration));
    }
    if (!routes.isEmpty()) {
      Map<String, Object> byRoute = new LinkedHashMap<>();
      routes.forEach(route -> byRoute.put(route.pattern(), route.bulkhead().describe()));
      out.put("routes", byRoute);
    }
    if (onReject != null) {
      out.put(OnReject.KEY, OnReject.WORD.describe(onReject));
    }
    return out;
  }
}
