package io.kitagent.discovery;

import io.kitagent.config.MethodRule;
import io.kitagent.config.OnReject;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.PolicyWord;
import io.kitagent.http.ServiceSettings;

/**
 * {@code resolve} and {@code balancer} of a service: its requests go to its instances. A service whose
 * breaker is per instance has its instances chosen by the breakers instead (they pass over an open
 * one), with the same balancer.
 */
public final class DiscoveryWord implements PolicyWord {

  private static final String SERVICES = "services.";

  @Override
  public String word() {
    return "resolve";
  }

  @Override
  public String component() {
    return "discovery";
  }

  @Override
  public Policy forMethod(MethodSite site, MethodRule rule, Context context) {
    return null;
  }

  @Override
  public Policy forHttp(String site, RuleKind kind, Rule rule, Context context) {
    if (kind != RuleKind.SERVICE) {
      return null;
    }
    String service = site.substring(SERVICES.length());
    ServiceSettings settings = Directory.settings(context, service);
    if (settings == null || settings.discovery() == null || settings.discovery().resolve() == null
        || Directory.breakersChoose(settings)) {
      return null;
    }
    Directory directory = Directory.of(context);
    return new DiscoveryPolicy(directory.instances(service), Directory.balancer(context, service),
        directory.initialWait(), OnReject.ownOrRule(null, rule, kind));
  }

  /** Up; a service whose source failed is DEGRADED in the detail, serving its last instances. */
  @Override
  public io.kitagent.admin.Health.Status health(Context context) {
    Directory directory = context.sharedIfAny(Directory.class);
    java.util.Map<String, Object> stale = directory == null ? java.util.Map.of() : directory.stale();
    if (directory == null) {
      return null;
    }
    java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("status", stale.isEmpty() ? "UP" : "DEGRADED");
    if (!stale.isEmpty()) {
      details.put("stale", stale);
    }
    return io.kitagent.admin.Health.Status.up(details);
  }

  @Override
  public Object view(Context context) {
    return Directory.of(context).view();
  }
}
