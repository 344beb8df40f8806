package io.kitagent.fault;

import io.kitagent.config.MethodRule;
import io.kitagent.config.OnReject;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import io.kitagent.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import java.util.Arrays;

/** {@code fault:} on a rule: aborts and delays injected into its calls. */
public final class FaultWord implements PolicyWord {

  static final String COUNTER = "kit.fault.injected";

  @Override
  public String word() {
    return Fault.KEY;
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    Fault fault = rule.get(Fault.WORD);
    if (fault == null) {
      return null;
    }
    OnReject onReject = OnReject.first(Arrays.asList(fault.onReject(), rule.get(OnReject.WORD)), RuleKind.METHOD);
    return policy(site.name(), fault, onReject, context);
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    Fault fault = rule.get(Fault.WORD);
    if (fault == null) {
      return null;
    }
    return policy(site, fault, OnReject.first(Arrays.asList(fault.onReject(), rule.get(OnReject.WORD)), kind),
        context);
  }

  static FaultPolicy policy(String site, Fault fault, OnReject onReject, Context context) {
    Meters meters = context.meters();
    return new FaultPolicy(site, fault, onReject, counter(meters, site, "abort"), counter(meters, site, "delay"),
        context.log());
  }

  private static Counter counter(Meters meters, String site, String kind) {
    return meters == null ? null : Counter.builder(COUNTER)
        .description("Calls into which Kit Agent injected a fault, by site and kind (abort, delay)")
        .tags("site", site, "kind", kind)
        .register(meters.registry());
  }
}
