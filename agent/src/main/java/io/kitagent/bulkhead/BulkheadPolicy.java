package io.kitagent.bulkhead;

import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
import io.kitagent.core.RoutePattern;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bulkhead: at most so many calls at once through a method, to a downstream or into the server
 * (the first route whose pattern matches the path decides, else the section's own); a call with no
 * place after {@code maxWaitDuration} is refused with its {@code onReject}. The place is given back
 * as soon as the call ends, before any after step. {@code http.client}'s bounds each host on its own.
 */
final class BulkheadPolicy implements Policy {

  static final int MAX_HOSTS = 1_000;
  static final String OTHER = "http.client/other";

  /** One bound, with what its refusals get; {@code pattern} is null for the section's own. */
  record Bound(RoutePattern pattern, MeteredBulkhead bulkhead, Refusal refusal) {}

  private final Bound[] routes;
  private final Bound only;
  private final OnReject onReject;
  private final Bulkheads perHost;
  private final Bulkhead hostConfig;
  private final Refusal hostRefusal;
  private final Map<String, MeteredBulkhead> byHost;

  /** Bounds by route (an incoming request), else {@code only}, which may be null. */
  BulkheadPolicy(List<Bound> routes, Bound only, OnReject onReject) {
    this.routes = routes.toArray(Bound[]::new);
    this.only = only;
    this.onReject = onReject;
    this.perHost = null;
    this.hostConfig = null;
    this.hostRefusal = null;
    this.byHost = null;
  }

  /** One bulkhead per downstream host, named after it. */
  BulkheadPolicy(Bulkheads bulkheads, Bulkhead config, OnReject onReject) {
    this.routes = new Bound[0];
    this.only = null;
    this.onReject = onReject;
    this.perHost = bulkheads;
    this.hostConfig = config;
    this.hostRefusal = new Refusal(Bulkhead.KEY, "the bulkhead of this host is full", onReject);
    this.byHost = new ConcurrentHashMap<>();
  }

  static Bound bound(Bulkheads bulkheads, String name, String pattern, Bulkhead config, OnReject onReject) {
    return new Bound(pattern == null ? null : new RoutePattern(pattern), bulkheads.get(name, config),
        new Refusal(Bulkhead.KEY, "bulkhead " + name + " is full", onReject));
  }

  @Override
  public boolean hasBefore() {
    return true;
  }

  @Override
  public boolean holds() {
    return true;
  }

  @Override
  public boolean mayRefuse() {
    return true;
  }

  @Override
  public OnReject onReject() {
    return onReject;
  }

  @Override
  public Refusal before(Call call) {
    MeteredBulkhead bulkhead;
    Refusal refusal;
    if (byHost != null) {
      bulkhead = host(((Exchange) call).key());
      refusal = hostRefusal;
    } else {
      Bound bound = choose(call);
      if (bound == null) {
        return null;
      }
      bulkhead = bound.bulkhead();
      refusal = bound.refusal();
    }
    if (!bulkhead.enter()) {
      return refusal;
    }
    if (routes.length > 0 || byHost != null) {
      call.keep(bulkhead);
    }
    return null;
  }

  @Override
  public void release(Call call) {
    MeteredBulkhead bulkhead = routes.length > 0 || byHost != null ? (MeteredBulkhead) call.kept() : only.bulkhead();
    if (bulkhead != null) {
      bulkhead.leave();
    }
  }

  private Bound choose(Call call) {
    if (routes.length > 0) {
      String path = ((Exchange) call).path();
      for (Bound route : routes) {
        if (route.pattern().matches(path)) {
          return route;
        }
      }
    }
    return only;
  }

  private MeteredBulkhead host(String host) {
    MeteredBulkhead found = byHost.get(host);
    if (found != null) {
      return found;
    }
    if (byHost.size() >= MAX_HOSTS) {
      return perHost.get(OTHER, hostConfig); // not stored per host: the map stays bounded
    }
    return byHost.computeIfAbsent(host, key -> perHost.get(key, hostConfig));
  }
}
