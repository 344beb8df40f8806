package io.kitagent.retry;

import io.kitagent.config.MethodRule;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import io.kitagent.metrics.Meters;

/**
 * {@code retry:} on a method rule (the method's failed calls are run again, named {@code class#method})
 * and on outgoing requests (sent again, named by the service, or {@code http.client}).
 */
public final class RetryWord implements PolicyWord {

  @Override
  public String word() {
    return Retry.KEY;
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    Retry config = rule.get(Retry.WORD);
    if (config == null) {
      return null;
    }
    Meters meters = context.meters();
    return new RetryPolicy(site.name(), config, context.log(), meters == null ? null : meters.registry());
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    Retry config = rule.get(Retry.WORD);
    if (config == null || !kind.client()) {
      return null;
    }
    Meters meters = context.meters();
    String name = kind == RuleKind.SERVICE ? site.substring("services.".length()) : site;
    return new RetryPolicy(name, config, context.log(), meters == null ? null : meters.registry());
  }
}
