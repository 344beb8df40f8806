package io.kitagent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The policy words of one rule (a method rule, {@code http.client}, a service), read by {@link Words}. */
public final class Rule {

  public static final Rule EMPTY = new Rule(Map.of());

  private final Map<RuleWord<?>, Object> values;

  Rule(Map<RuleWord<?>, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** Reads every word that rules of {@code kind} may hold from {@code fields}. */
  public static Rule read(Fields fields, RuleKind kind) {
    Map<RuleWord<?>, Object> values = new LinkedHashMap<>();
    for (RuleWord<?> word : Words.RULE_WORDS) {
      if (word.appliesTo(kind)) {
        Object value = word.read(fields, kind);
        if (value != null) {
          values.put(word, value);
        }
      }
    }
    return new Rule(values);
  }

  /** This rule, with each word it does not hold taken from {@code fallback} (which may be null). */
  public Rule orElse(Rule fallback) {
    if (fallback == null || fallback.isEmpty()) {
      return this;
    }
    Map<RuleWord<?>, Object> merged = new LinkedHashMap<>(fallback.values);
    merged.putAll(values);
    return new Rule(merged);
  }

  /** The word's value, or null when the rule does not hold it. */
  @SuppressWarnings("unchecked")
  public <T> T get(RuleWord<T> word) {
    return (T) values.get(word);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The rule's words in {@link Words} order, as {@code check} prints them. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RuleWord<?> word : Words.RULE_WORDS) {
      if (values.containsKey(word)) {
        out.put(word.key(), describe(word));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private <T> Object describe(RuleWord<T> word) {
    return word.describe((T) values.get(word));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Rule rule && rule.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return describe().toString();
  }
}
