package io.kitagent.core;

import io.kitagent.config.MethodRule;

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
}
