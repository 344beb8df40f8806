package io.kitagent.config;

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
}
