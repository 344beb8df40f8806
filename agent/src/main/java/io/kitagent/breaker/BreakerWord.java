package io.kitagent.breaker;

import io.kitagent.admin.Health;
import io.kitagent.config.MethodRule;
import io.kitagent.config.OnReject;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import io.kitagent.discovery.Directory;
import io.kitagent.metrics.Meters;

/** {@code breaker:} on a rule: a Resilience4j circuit breaker around its calls. */
public final class BreakerWord implements PolicyWord {

  private static final String SERVICES = "services.";

  @Override
  public String word() {
    return Breaker.KEY;
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    Breaker config = rule.get(Breaker.WORD);
    if (config == null) {
      return null;
    }
    Breakers breakers = breakers(context);
    MeteredBreaker breaker = breakers.get(site.name(), config, site.name(), null);
    return new BreakerPolicy(breaker, config, onReject(config, rule.rule(), RuleKind.METHOD));
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    Breaker config = rule.get(Breaker.WORD);
    if (config == null || kind == RuleKind.HTTP_SERVER) {
      return null;
    }
    OnReject onReject = onReject(config, rule, kind);
    Breakers breakers = breakers(context);
    if (kind == RuleKind.HTTP_CLIENT) {
      return new HostBreakers(breakers, config, onReject);
    }
    String service = site.substring(SERVICES.length());
    if (config.scope() == Breaker.Scope.INSTANCE) {
      Directory directory = Directory.of(context);
      return new InstanceBreakers(service, directory.instances(service), Directory.balancer(context, service),
          directory.initialWait(), breakers, config, onReject);
    }
    return new HttpBreakerPolicy.OneBreaker(breakers.get(service, config, service, null), config, onReject);
  }

  @Override
  public String component() {
    return "breakers";
  }

  @Override
  public Health.Status health(Context context) {
    Breakers breakers = context.sharedIfAny(Breakers.class);
    return breakers == null ? null : breakers.health(context.config().health().downWhenOpen());
  }

  @Override
  public Object view(Context context) {
    Breakers breakers = context.sharedIfAny(Breakers.class);
    return breakers == null ? null : breakers.states();
  }

  /** The breaker's own {@code onReject} wins over its rule's. */
  static OnReject onReject(Breaker config, Rule rule, RuleKind kind) {
    return OnReject.ownOrRule(config.onReject(), rule, kind);
  }

  static Breakers breakers(Context context) {
    return context.shared(Breakers.class, () -> {
      Meters meters = context.meters();
      return new Breakers(context.log(), meters == null ? null : meters.registry());
    });
  }
}
