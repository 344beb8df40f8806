package io.kitagent.limiter;

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
import java.util.Locale;
import java.util.Map;

/**
 * {@code limiter:} of a rule, a Resilience4j rate limiter: {@code limitForPeriod} calls per
 * {@code limitRefreshPeriod}, a caller waiting at most {@code timeoutDuration} for a permit (0:
 * refused at once). On {@code http.server}, {@code by} gives each route, client address or header
 * value its own bucket (at most {@code maxBuckets}, the least recently used dropped), and
 * {@code routes} gives paths their own limits.
 */
public record Limiter(
    int limitForPeriod,
    Duration limitRefreshPeriod,
    Duration timeoutDuration,
    By by,
    int maxBuckets,
    List<Route> routes,
    OnReject onReject) {

  public static final String KEY = "limiter";
  public static final int DEFAULT_MAX_BUCKETS = 10_000;

  /** How requests share buckets: all one, or one per route, client address or header value. */
  public record By(Kind kind, String header) {
    public enum Kind { NONE, ROUTE, CLIENT_IP, HEADER }

    public static final By NONE = new By(Kind.NONE, null);

    String describe() {
      return switch (kind) {
        case NONE -> "none";
        case ROUTE -> "route";
        case CLIENT_IP -> "client-ip";
        case HEADER -> "header:" + header;
      };
    }
  }

  /** A path pattern ({@code *} stands for any characters) with its own limiter. */
  public record Route(String pattern, Limiter limiter) {}

  public Limiter {
    routes = List.copyOf(routes);
  }

  /** Whether requests that match no route are limited ({@code limitForPeriod} is 0 when only routes are). */
  public boolean limits() {
    return limitForPeriod > 0;
  }

  public static final RuleWord<Limiter> WORD = RuleWord.of(KEY, kind -> true, Limiter::read, Limiter::describe);

  static Limiter read(Fields rule, RuleKind kind) {
    Node node = rule.node(KEY);
    if (node == null) {
      return null;
    }
    Fields f = rule.object(KEY);
    boolean hasRoutes = kind == RuleKind.HTTP_SERVER && f.written("routes");
    Limiter limiter = read(f, kind, null, !hasRoutes);
    List<Route> routes = hasRoutes ? routes(f.object("routes"), kind, limiter) : List.of();
    f.done();
    return new Limiter(limiter.limitForPeriod, limiter.limitRefreshPeriod, limiter.timeoutDuration, limiter.by,
        limiter.maxBuckets, routes, limiter.onReject);
  }

  /** One limiter's keys; a route's take their defaults from {@code parent}. */
  private static Limiter read(Fields f, RuleKind kind, Limiter parent, boolean needsLimit) {
    int limit;
    if (parent == null && needsLimit && !f.written("limitForPeriod")) {
      f.problems().add(f.at(), f.path("limitForPeriod"), "required key is missing (for example limitForPeriod: 100)");
      limit = 1;
    } else {
      limit = f.integer("limitForPeriod", parent == null ? 0 : parent.limitForPeriod, 1, 1_000_000_000);
    }
    Duration period = f.duration("limitRefreshPeriod", parent == null ? Duration.ofSeconds(1) : parent.limitRefreshPeriod);
    if (period.compareTo(Duration.ofMillis(1)) < 0 && f.has("limitRefreshPeriod")) {
      f.problems().add(f.node("limitRefreshPeriod"), f.path("limitRefreshPeriod"), "must be at least 1ms");
      period = Duration.ofMillis(1);
    }
    Duration timeout = f.durationOrZero("timeoutDuration", parent == null ? Duration.ZERO : parent.timeoutDuration);
    By by = parent == null ? By.NONE : parent.by;
    int maxBuckets = parent == null ? DEFAULT_MAX_BUCKETS : parent.maxBuckets;
    if (kind == RuleKind.HTTP_SERVER) {
      by = by(f, by);
      maxBuckets = f.integer("maxBuckets", maxBuckets, 1, 10_000_000);
    }
    OnReject onReject = OnReject.read(f, kind);
    return new Limiter(limit, period, timeout, by, maxBuckets, List.of(),
        onReject != null ? onReject : parent == null ? null : parent.onReject);
  }

  private static By by(Fields f, By fallback) {
    String text = f.string("by", null);
    if (text == null) {
      return fallback;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("route")) {
      return new By(By.Kind.ROUTE, null);
    }
    if (lower.equals("client-ip")) {
      return new By(By.Kind.CLIENT_IP, null);
    }
    if (lower.equals("none")) {
      return By.NONE;
    }
    if (lower.startsWith("header:") && text.length() > "header:".length()
        && text.substring("header:".length()).strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      return new By(By.Kind.HEADER, text.substring("header:".length()).strip());
    }
    f.problems().add(f.node("by"), f.path("by"), "expected route, client-ip, none or header:<name> (for "
        + "example header:X-Api-Key), got \"" + text + "\"");
    return fallback;
  }

  private static List<Route> routes(Fields all, RuleKind kind, Limiter parent) {
    List<Route> routes = new ArrayList<>();
    for (Map.Entry<String, Node.Entry> entry : all.entries().entrySet()) {
      String pattern = entry.getKey();
      Fields route = all.object(pattern);
      if (!pattern.startsWith("/")) {
        all.problems().add(entry.getValue().line(), entry.getValue().column(), all.path(pattern),
            "a route is a path starting with / (for example \"/orders/*\")");
      }
      Limiter limiter = read(route, kind, parent, true);
      if (!parent.limits() && !route.written("limitForPeriod")) {
        route.problems().add(route.at(), route.path("limitForPeriod"),
            "required key is missing (for example limitForPeriod: 100)");
      }
      route.done();
      routes.add(new Route(pattern, limiter));
    }
    return routes;
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (limits()) {
      out.put("limitForPeriod", limitForPeriod);
      out.put("limitRefreshPeriod", Durations.format(limitRefreshPeriod));
      out.put("timeoutDuration", timeoutDuration.isZero() ? "0" : Durations.format(timeoutDuration));
    }
    if (by.kind() != By.Kind.NONE) {
      out.put("by", by.describe());
      out.put("maxBuckets", maxBuckets);
    }
    if (!routes.isEmpty()) {
      Map<String, Object> byRoute = new LinkedHashMap<>();
      routes.forEach(route -> byRoute.put(route.pattern(), route.limiter().describe()));
      out.put("routes", byRoute);
    }
    if (onReject != null) {
      out.put(OnReject.KEY, OnReject.WORD.describe(onReject));
    }
    return out;
  }
}
