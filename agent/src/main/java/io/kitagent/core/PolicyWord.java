package io.kitagent.core;

import io.kitagent.admin.Health;
import io.kitagent.config.MethodRule;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;

/**
 * One config word that puts a policy on chains ({@code fault}, {@code metrics}, {@code log}, later
 * {@code breaker}, {@code limiter}, {@code trace}): how to build its policy for a site from that
 * site's rule. Registered once, in {@link PolicyOrder}.
 */
public interface PolicyWord {

  /** The key in a rule, e.g. {@code fault}. */
  String word();

  /** The policy of a woven method whose rule is {@code rule}, or null when the rule asks for none. */
  Policy forMethod(MethodSite site, MethodRule rule, Context context);

  /**
   * The policy of HTTP exchanges of {@code site} ({@code http.client}, {@code http.server},
   * {@code services.<name>}) under {@code rule}, or null when the rule asks for none.
   */
  Policy forHttp(String site, RuleKind kind, Rule rule, Context context);

  /** The name of this word's entry in {@code /health}. */
  default String component() {
    return word();
  }

  /**
   * What {@code GET /agent/<component>} shows now (each breaker's state, each limiter's permits), or
   * null when the word has no view.
   */
  default Object view(Context context) {
    return null;
  }

  /** This word's entry in {@code /health} now, or null when it has none (no site uses it). */
  default Health.Status health(Context context) {
    return null;
  }
}
