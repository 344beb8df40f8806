package io.kitagent.config;

/**
 * One entry of {@code methods:}. {@code log} and {@code metrics} are null when the rule does not log,
 * or records no metrics.
 */
public record MethodRule(int index, MethodSelector selector, LogPolicy log, MetricsPolicy metrics) {

  /** Whether the rule asks for anything at all; a rule that does not still claims its methods. */
  public boolean hasPolicies() {
    return log != null || metrics != null;
  }
}
