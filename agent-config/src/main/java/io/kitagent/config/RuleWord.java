package io.kitagent.config;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One key of a rule that configures a policy ({@code log}, {@code metrics}, {@code fault},
 * {@code onReject}, later {@code breaker}, {@code limiter}, {@code trace}): its reader, for the kinds
 * of rule it belongs to. Registered once, in {@link Words}.
 */
public interface RuleWord<T> {

  /** The key as written in a rule. */
  String key();

  /** Whether rules of this kind may hold the key. */
  boolean appliesTo(RuleKind kind);

  /**
   * Reads the key from {@code rule}; null when it is absent or switched off. Problems are recorded in
   * {@code rule}'s problems, with file, line and key.
   */
  T read(Fields rule, RuleKind kind);

  /** The effective value as plain maps, lists and scalars, for {@code check} to print. */
  Object describe(T value);

  /** A word from its parts: most words are a key, the kinds that take it, a reader and a describer. */
  static <T> RuleWord<T> of(String key, Predicate<RuleKind> kinds, BiFunction<Fields, RuleKind, T> reader,
      Function<T, Object> describer) {
    return new RuleWord<>() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public boolean appliesTo(RuleKind kind) {
        return kinds.test(kind);
      }

      @Override
      public T read(Fields rule, RuleKind kind) {
        return reader.apply(rule, kind);
      }

      @Override
      public Object describe(T value) {
        return describer.apply(value);
      }
    };
  }
}
