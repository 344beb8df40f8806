package io.kitagent.core;

import io.kitagent.config.OnReject;

/**
 * One concern applied to woven calls: metrics, logging, fault injection, and later breakers,
 * limiters, tracing. A {@link Chain} calls it around every call of the sites it is built for.
 *
 * <p>The steps run on the application's thread, so they must be quick and must not block beyond
 * what the policy is for (a fault's delay, a limiter's wait). One that throws is reported once per
 * site and treated as absent for that call; the application never sees it.
 */
public interface Policy {

  /**
   * Before the call: null to let it go on, or a refusal that answers in its place. Per-call state
   * goes to {@link Call#keep}. Not called when {@link #hasBefore} is false.
   */
  default Refusal before(Call call) {
    return null;
  }

  /**
   * Gives back what this policy's before step took for the call (an in-flight count, later a
   * permit), before any after step runs. It must be one indivisible action, such as one atomic
   * decrement: when the application's stack overflows it may fail before it acts, and is then run
   * again from an outer frame (see {@link AgentThread}), so it must never act twice. Called only for
   * policies that {@link #holds}.
   */
  default void release(Call call) {}

  /** The call ended: returned, threw, or was refused by this policy or one inside it. */
  default void after(Call call) {}

  /**
   * A policy outside this one refused the call, so this one's before step never ran. Metrics and
   * logging record the refusal here; most policies ignore it.
   */
  default void skipped(Call call) {}

  /**
   * For the one policy that retries: the attempt that just ended (its outcome set) failed; how many
   * nanoseconds to wait before the next, or -1 for none (the call ends with this attempt's outcome).
   * The policies inside this one end the attempt and begin the next; those outside see one call.
   */
  default long retryWait(Call call) {
    return -1;
  }

  /** Whether this policy retries: its chain then runs the calls it asks for again ({@link #retryWait}). */
  default boolean retries() {
    return false;
  }

  /** Whether {@link #before} does anything; the chain skips it otherwise. */
  default boolean hasBefore() {
    return false;
  }

  /** Whether a before step that let the call go on took something that {@link #release} gives back. */
  default boolean holds() {
    return false;
  }

  /** Whether {@link #before} may refuse: methods then get the advice that can skip their body. */
  default boolean mayRefuse() {
    return false;
  }

  /** What a call refused by this policy gets: its own {@code onReject}, else its rule's, else the default. */
  default OnReject onReject() {
    return null;
  }

  /** Whether the after step needs the call's duration, so that the chain reads the clock. */
  default boolean timed() {
    return false;
  }

  /** For methods: whether the after step reads the arguments or the return value, which the advice then passes. */
  default boolean wantsValues() {
    return false;
  }

  /**
   * Whether the after step has anything to do for a call that returned normally (a logging policy
   * below the global level has not): a chain where none has skips that call's after steps.
   */
  default boolean afterReturn() {
    return true;
  }
}
