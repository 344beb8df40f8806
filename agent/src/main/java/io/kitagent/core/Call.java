package io.kitagent.core;

/**
 * One call going through a {@link Chain}: a call of a woven method, or one HTTP exchange. It carries
 * what the chain's policies share from before the call to after it: the start time, which policies
 * ran, the refusal if one refused, each policy's own state ({@link #keep}), and how the call ended.
 *
 * <p>A method call is a frame reused by the next call on the same thread once this one has ended,
 * so a policy must not hold on to it past its after step. An HTTP exchange is its own object.
 */
public abstract class Call {

  static final int PENDING = 0;
  static final int RETURNED = 1;
  static final int THREW = 2;
  static final int REFUSED = 3;

  long start;
  long nanos = -1;
  int ran;
  int held;
  int refusedAt = -1;
  private int current;
  private Refusal refusal;
  private Object[] kept;
  /**
   * The outcome's ordinal: an int, not the enum, because a frame is old by the time it is reused, and
   * every reference stored into an old object costs a garbage collector's write barrier on each call.
   */
  int outcome;
  int attempt = 1;
  Object value;
  Throwable error;
  int status = -1;

  /** Which attempt this is: 1, then 2 and on when a retry runs the call again. */
  public final int attempt() {
    return attempt;
  }

  /** The call's duration, or -1 when no policy of its chain is timed. */
  public final long nanos() {
    return nanos;
  }

  private static final Outcome[] OUTCOMES = Outcome.values();

  public final Outcome outcome() {
    return OUTCOMES[outcome];
  }

  /** The method's return value (null for void, on failure, or for HTTP). */
  public final Object value() {
    return value;
  }

  /** What the method threw, or why the exchange failed; null otherwise. */
  public final Throwable error() {
    return error;
  }

  /** The HTTP status of the response, or -1 (no response, or a method call). */
  public final int status() {
    return status;
  }

  /** Why the call was refused, or null. */
  public final Refusal refusal() {
    return refusal;
  }

  public final boolean refused() {
    return refusal != null;
  }

  /**
   * Whether a policy still holds something for this call: its release failed to run (the stack
   * overflowed there), so the call must stay on its thread's stack until an outer frame ends it.
   */
  public final boolean holding() {
    return held != 0;
  }

  /** Keeps per-call state of the policy whose before step is running, for its after step. */
  public final void keep(Object state) {
    if (kept == null) {
      kept = new Object[Chain.MAX_POLICIES];
    }
    kept[current] = state;
  }

  /** What the running policy kept in its before step, or null. */
  public final Object kept() {
    return kept == null ? null : kept[current];
  }

  /** The method returned {@code result}, or the exchange got a response with {@code status}. */
  protected final void returned(Object result, int responseStatus) {
    outcome = refusal != null ? REFUSED : RETURNED;
    value = result;
    status = responseStatus;
  }

  /** The method threw, or the exchange failed (status -1, or the status of what was answered). */
  protected final void threw(Throwable failure, int responseStatus) {
    outcome = refusal != null ? REFUSED : THREW;
    error = failure;
    status = responseStatus;
  }

  /**
   * Back to a fresh call, for a frame about to be reused. Only what a call changed is written back: a
   * frame is an old object, where every store is dearer than a load.
   */
  protected void reset() {
    nanos = -1;
    outcome = PENDING;
    if (attempt != 1) {
      attempt = 1;
    }
    if (ran != 0 || held != 0 || refusedAt != -1 || status != -1) {
      ran = 0;
      held = 0;
      refusedAt = -1;
      status = -1;
    }
    if (refusal != null || value != null || error != null) {
      refusal = null;
      value = null;
      error = null;
    }
    if (kept != null) {
      java.util.Arrays.fill(kept, null);
    }
  }

  /** The attempt ended and another begins: its outcome is yet to come. */
  final void nextAttempt() {
    attempt++;
    nanos = -1;
    outcome = PENDING;
    value = null;
    error = null;
    status = -1;
  }

  final void refuse(Refusal refusal, int index) {
    this.refusal = refusal;
    this.refusedAt = index;
  }

  /** The policy about to run; stored only when it changes (a store into an old frame delays the atomics after it). */
  final void at(int index) {
    if (current != index) {
      current = index;
    }
  }
}
