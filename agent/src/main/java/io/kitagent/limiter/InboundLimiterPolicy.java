package io.kitagent.limiter;

import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
import io.kitagent.core.RoutePattern;
import java.util.List;
import java.util.Map;

/**
 * {@code http.server.limiter}: sheds incoming requests over the limit before the application spends
 * anything on them. The first route whose pattern matches the path decides, else the global limit;
 * with {@code by}, each route, client address or header value has its own bucket. A refused request
 * is answered {@code 429} (unless {@code onReject} says otherwise) with {@code Retry-After} (seconds
 * until a permit) and the {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} headers of the IETF draft.
 */
final class InboundLimiterPolicy implements Policy {

  static final int TOO_MANY_REQUESTS = 429;

  /** One limit: a route's or the global one, shared or in buckets, with what its refusals get. */
  record Limit(RoutePattern pattern, MeteredLimiter shared, Buckets buckets, Limiter.By by, Refusal refusal) {
    MeteredLimiter limiter(Exchange exchange) {
      if (shared != null) {
        return shared;
      }
      return buckets.get(switch (by.kind()) {
        case ROUTE -> exchange.key();
        case CLIENT_IP -> exchange.clientAddress();
        case HEADER -> exchange.requestHeader(by.header());
        case NONE -> "";
      });
    }
  }

  private final Limit[] routes;
  private final Limit global;

  InboundLimiterPolicy(List<Limit> routes, Limit global) {
    this.routes = routes.toArray(Limit[]::new);
    this.global = global;
  }

  /** A limit named {@code name} ({@code inbound}, {@code inbound:/orders/*}) from its config. */
  static Limit limit(Limiters limiters, String name, String pattern, Limiter config) {
    OnReject onReject = config.onReject() != null ? config.onReject()
        : new OnReject(null, null, false, null, TOO_MANY_REQUESTS, Map.of(), null, null);
    Refusal refusal = new Refusal(Limiter.KEY, "rate limit of " + name + " reached", onReject);
    boolean bucketed = config.by().kind() != Limiter.By.Kind.NONE;
    return new Limit(pattern == null ? null : new RoutePattern(pattern),
        bucketed ? null : limiters.get(name, config), bucketed ? limiters.buckets(name, config) : null,
        config.by(), refusal);
  }

  @Override
  public boolean hasBefore() {
    return true;
  }

  @Override
  public boolean mayRefuse() {
    return true;
  }

  @Override
  public Refusal before(Call call) {
    Exchange exchange = (Exchange) call;
    Limit limit = choose(exchange.path());
    if (limit == null) {
      return null;
    }
    MeteredLimiter limiter = limit.limiter(exchange);
    if (limiter.acquire()) {
      return null;
    }
    String reset = Long.toString(limiter.secondsToReset());
    exchange.answerHeader("Retry-After", Long.toString(limiter.secondsToPermit()));
    exchange.answerHeader("RateLimit-Limit", Integer.toString(limiter.limit()));
    exchange.answerHeader("RateLimit-Remaining", Integer.toString(limiter.remaining()));
    exchange.answerHeader("RateLimit-Reset", reset);
    return limit.refusal();
  }

  private Limit choose(String path) {
    for (Limit route : routes) {
      if (route.pattern().matches(path)) {
        return route;
      }
    }
    return global;
  }
}
