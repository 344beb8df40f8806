package io.kitagent.config;

import io.kitagent.fault.Fault;
import io.kitagent.logging.LogConfig;
import io.kitagent.metrics.MetricsConfig;
import java.util.List;

/**
 * Every word a rule may hold (a method rule, {@code http.client}, {@code http.server}, a
 * {@code services} entry), with its reader. The loader reads rules with it, {@code check} prints
 * them with it, and the admin endpoint will show them with it: a new policy word is one line here.
 * The order in which the policies wrap a call is the agent's {@code PolicyOrder}.
 */
public final class Words {

  public static final List<RuleWord<?>> RULE_WORDS = List.of(
      Fault.WORD,
      MetricsConfig.WORD,
      LogConfig.METHOD,
      LogConfig.HTTP,
      OnReject.WORD);

  private Words() {}
}
