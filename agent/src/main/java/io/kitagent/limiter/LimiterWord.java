package io.kitagent.limiter;

import io.kitagent.config.MethodRule;
import io.kitagent.config.OnReject;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import io.kitagent.metrics.Meters;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code limiter:} on a rule: a Resilience4j rate limiter named after what it guards, the method
 * ({@code class#method}), the service, the host ({@code http.client}), or {@code inbound} and
 * {@code inbound:<route>} for incoming requests.
 */
public final class LimiterWord implements PolicyWord {

  static final String INBOUND = "inbound";
  private static final String SERVICES = "services.";

  @Override
  public String word() {
    return Limiter.KEY;
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    Limiter config = rule.get(Limiter.WORD);
    if (config == null) {
      return null;
    }
    return new LimiterPolicy(limiters(context).get(site.name(), config),
        onReject(config, rule.rule(), RuleKind.METHOD));
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    Limiter config = rule.get(Limiter.WORD);
    if (config == null) {
      return null;
    }
    Limiters limiters = limiters(context);
    return switch (kind) {
      case HTTP_SERVER -> inbound(limiters, config);
      case HTTP_CLIENT -> new LimiterPolicy(limiters, config, onReject(config, rule, kind));
      case SERVICE -> new LimiterPolicy(limiters.get(site.substring(SERVICES.length()), config),
          onReject(config, rule, kind));
      case METHOD -> null;
    };
  }

  private static Policy inbound(Limiters limiters, Limiter config) {
    List<InboundLimiterPolicy.Limit> routes = new ArrayList<>();
    for (Limiter.Route route : config.routes()) {
      routes.add(InboundLimiterPolicy.limit(limiters, INBOUND + ":" + route.pattern(), route.pattern(),
          route.limiter()));
    }
    InboundLimiterPolicy.Limit global = config.limits()
        ? InboundLimiterPolicy.limit(limiters, INBOUND, null, config) : null;
    return new InboundLimiterPolicy(routes, global);
  }

  @Override
  public String component() {
    return "limiters";
  }

  @Override
  public Object view(Context context) {
    Limiters limiters = context.sharedIfAny(Limiters.class);
    return limiters == null ? null : limiters.states();
  }

  /** The limiter's own {@code onReject} wins over its rule's. */
  private static OnReject onReject(Limiter config, Rule rule, RuleKind kind) {
    return OnReject.ownOrRule(config.onReject(), rule, kind);
  }

  static Limiters limiters(Context context) {
    return context.shared(Limiters.class, () -> {
      Meters meters = context.meters();
      return new Limiters(meters == null ? null : meters.registry());
    });
  }
}
