package io.kitagent.config;

/** One entry of {@code methods:}: which methods ({@code selector}) and the policy words for them. */
public record MethodRule(int index, MethodSelector selector, Rule rule) {

  /** Whether the rule asks for anything at all; a rule that does not still claims its methods. */
  public boolean hasPolicies() {
    return !rule.isEmpty();
  }

  public <T> T get(RuleWord<T> word) {
    return rule.get(word);
  }
}
