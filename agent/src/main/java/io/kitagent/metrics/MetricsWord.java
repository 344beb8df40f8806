package io.kitagent.metrics;

import io.kitagent.admin.Health;
import io.kitagent.config.MethodRule;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code metrics:} on a rule: a timer and an in-flight gauge per woven method. */
public final class MetricsWord implements PolicyWord {

  @Override
  public String word() {
    return "metrics";
  }

  /** Starting, up with the number of meters, or down when they could not be set up. */
  @Override
  public Health.Status health(Context context) {
    CompletableFuture<Meters> meters = context.metersFuture();
    if (!meters.isDone()) {
      return Health.Status.up(Map.of("state", "starting"));
    }
    if (meters.isCompletedExceptionally()) {
      return Health.Status.down(Map.of("error", "the meters could not be set up (see the agent's log)"));
    }
    return Health.Status.up(Map.of("meters", meters.join().registry().getMeters().size()));
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    if (rule.get(MetricsConfig.WORD) == null) {
      return null;
    }
    Meters meters = context.meters();
    return meters == null ? null : meters.methodTimer(site.className(), site.methodName(), rule.get(MetricsConfig.WORD));
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    if (rule.get(MetricsConfig.WORD) == null) {
      return null;
    }
    Meters meters = context.meters();
    return meters == null ? null : new HttpTimer(meters.requestTimers(kind.client()));
  }
}
