package io.kitagent.core;

/**
 * A {@link Call} that lives on its thread's {@link AgentThread} stack for the duration of one call
 * and is then reused. Subclasses end a lost call in {@link #abandon} and drop their references to
 * the application's objects in {@link #clear}.
 */
public abstract class Frame extends Call {

  AgentThread thread;
  int depth;

  /** The thread whose stack this frame is on. */
  public final AgentThread thread() {
    return thread;
  }

  /** Whether the call's exit has run (it set the outcome), though the frame may still be on the stack. */
  final boolean ended() {
    return outcome != PENDING;
  }

  /** The call's exit never came (the stack overflowed there): end it as having thrown. */
  protected abstract void abandon();

  /** The call is over: forget it, ready for reuse. */
  protected void clear() {
    reset();
  }
}
