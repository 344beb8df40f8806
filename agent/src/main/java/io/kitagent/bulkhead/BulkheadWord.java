package io.kitagent.bulkhead;

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
 * {@code bulkhead:} on a rule: a Resilience4j semaphore bulkhead named after what it guards, the
 * method ({@code class#method}), the service, the host ({@code http.client}), or {@code inbound} and
 * {@code inbound:<route>} for incoming requests.
 */
public final class BulkheadWord implements PolicyWord {

  private static final String INBOUND = "inbound";
  private static final String SERVICES = "services.";

  @Override
  public String word() {
    return Bulkhead.KEY;
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    Bulkhead config = rule.get(Bulkhead.WORD);
    if (config == null) {
      return null;
    }
    OnReject onReject = onReject(config, rule.rule(), RuleKind.METHOD);
    return new BulkheadPolicy(List.of(), BulkheadPolicy.bound(bulkheads(context), site.name(), null, config, onReject),
        onReject);
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    Bulkhead config = rule.get(Bulkhead.WORD);
    if (config == null) {
      return null;
    }
    Bulkheads bulkheads = bulkheads(context);
    OnReject onReject = onReject(config, rule, kind);
    return switch (kind) {
      case HTTP_CLIENT -> new BulkheadPolicy(bulkheads, config, onReject);
      case SERVICE -> new BulkheadPolicy(List.of(),
          BulkheadPolicy.bound(bulkheads, site.substring(SERVICES.length()), null, config, onReject), onReject);
      case HTTP_SERVER -> inbound(bulkheads, config, rule);
      case METHOD -> null;
    };
  }

  private static Policy inbound(Bulkheads bulkheads, Bulkhead config, Rule rule) {
    List<BulkheadPolicy.Bound> routes = new ArrayList<>();
    for (Bulkhead.Route route : config.routes()) {
      routes.add(BulkheadPolicy.bound(bulkheads, INBOUND + ":" + route.pattern(), route.pattern(), route.bulkhead(),
          onReject(route.bulkhead(), rule, RuleKind.HTTP_SERVER)));
    }
    OnReject onReject = onReject(config, rule, RuleKind.HTTP_SERVER);
    BulkheadPolicy.Bound only = config.limits()
        ? BulkheadPolicy.bound(bulkheads, INBOUND, null, config, onReject) : null;
    return new BulkheadPolicy(routes, only, onReject);
  }

  @Override
  public String component() {
    return "bulkheads";
  }

  @Override
  public Object view(Context context) {
    Bulkheads bulkheads = context.sharedIfAny(Bulkheads.class);
    return bulkheads == null ? null : bulkheads.states();
  }

  /** The bulkhead's own {@code onReject} wins over its rule's. */
  private static OnReject onReject(Bulkhead config, Rule rule, RuleKind kind) {
    return OnReject.ownOrRule(config.onReject(), rule, kind);
  }

  static Bulkheads bulkheads(Context context) {
    return context.shared(Bulkheads.class, () -> {
      Meters meters = context.meters();
      return new Bulkheads(meters == null ? null : meters.registry());
    });
  }
}
