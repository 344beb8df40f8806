package io.kitagent.logging;

import io.kitagent.admin.Health;
import io.kitagent.config.MethodRule;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code log:} on a rule: one event per call of a woven method. */
public final class LoggingWord implements PolicyWord {

  @Override
  public String word() {
    return "log";
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    return rule.get(LogConfig.METHOD) == null ? null : new MethodLogger(context.log(), site.className(), site.methodName(),
        site.parameterNames(), site.namesKnown(), site.returnsValue(), rule.get(LogConfig.METHOD));
  }

  @Override
  public String component() {
    return "logging";
  }

  /** Down while the event output cannot be written. */
  @Override
  public Health.Status health(Context context) {
    LineWriter writer = context.log().writer();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("output", writer.name());
    details.put("dropped_lines", writer.dropped());
    String failure = writer.failure();
    if (failure == null) {
      return Health.Status.up(details);
    }
    details.put("error", failure);
    return Health.Status.down(details);
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    HttpLogPolicy policy = rule.get(LogConfig.HTTP);
    return policy == null ? null : new HttpLogger(context.log(), policy);
  }
}
