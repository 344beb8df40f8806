package io.kitagent.fault;

import io.kitagent.admin.Health;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
    return policy(site.name(), fault, rule.rule(), RuleKind.METHOD, context);
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    Fault fault = rule.get(Fault.WORD);
    if (fault == null) {
      return null;
    }
    return policy(site, fault, rule, kind, context);
  }

  /** The fault's own {@code onReject} wins over its rule's. */
  private static FaultPolicy policy(String site, Fault fault, Rule rule, RuleKind kind, Context context) {
    OnReject onReject = OnReject.ownOrRule(fault.onReject(), rule, kind);
    Meters meters = context.meters();
    FaultPolicy policy = new FaultPolicy(site, fault, onReject, counter(meters, site, "abort"),
        counter(meters, site, "delay"), context.log());
    context.shared(Faults.class, Faults::new).add(policy);
    return policy;
  }

  /** {@code {"sites": 2, "aborts": 10, "delays": 3}}: how many sites inject faults, and how many so far. */
  @Override
  public Health.Status health(Context context) {
    Faults faults = context.sharedIfAny(Faults.class);
    if (faults == null) {
      return null;
    }
    long aborts = 0;
    long delays = 0;
    for (FaultPolicy policy : faults) {
      aborts += policy.aborts();
      delays += policy.delays();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sites", faults.size());
    details.put("aborts", aborts);
    details.put("delays", delays);
    return Health.Status.up(details);
  }

  /** The fault policies of this agent. */
  static final class Faults extends CopyOnWriteArrayList<FaultPolicy> {
    private static final long serialVersionUID = 1L;
  }

  private static Counter counter(Meters meters, String site, String kind) {
    return meters == null ? null : Counter.builder(COUNTER)
        .description("Calls into which Kit Agent injected a fault, by site and kind (abort, delay)")
        .tags("site", site, "kind", kind)
        .register(meters.registry());
  }
}
