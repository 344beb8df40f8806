package io.kitagent.config;

import io.kitagent.breaker.Breaker;
import io.kitagent.bulkhead.Bulkhead;
import io.kitagent.discovery.DiscoveryConfig;
import io.kitagent.fault.Fault;
import io.kitagent.health.HealthConfig;
import io.kitagent.http.HttpConfig;
import io.kitagent.limiter.Limiter;
import io.kitagent.logging.LogConfig;
import io.kitagent.metrics.MetricsConfig;
import io.kitagent.retry.Retry;
import java.util.List;

/**
 * Every config word with its reader: the top-level sections, and the words a rule may hold (a method
 * rule, {@code http.client}, {@code http.server}, a {@code services} entry). The loader reads the file
 * with it, {@code check} and the admin endpoint's {@code /agent/config} print it with it: a new
 * section or policy word is one line here.
 * The order in which the policies wrap a call is the agent's {@code PolicyOrder}.
 */
public final class Words {

  /** The top-level sections besides {@code service}, {@code agent} and {@code methods}, in file order. */
  public static final List<Section<?>> SECTIONS = List.of(
      LogConfig.SECTION,
      MetricsConfig.SECTION,
      HttpConfig.SECTION,
      HttpConfig.SERVICES,
      DiscoveryConfig.SECTION,
      HealthConfig.SECTION);

  public static final List<RuleWord<?>> RULE_WORDS = List.of(
      Fault.WORD,
      Breaker.WORD,
      Bulkhead.WORD,
      Retry.WORD,
      Limiter.WORD,
      MetricsConfig.WORD,
      LogConfig.METHOD,
      LogConfig.HTTP,
      OnReject.WORD);

  private Words() {}
}
