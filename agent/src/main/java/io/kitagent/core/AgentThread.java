package io.kitagent.core;

import io.kitagent.logging.AgentLog;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What the agent keeps per application thread, in one thread-local: whether the agent's own code is
 * running on it (then woven calls run uninstrumented, see {@link AgentWork}), the HTTP requests it is
 * inside (a nested one is not recorded twice), and the stack of its woven method calls in progress.
 *
 * <p>The stack exists because a method call's frame is reused, so that a call allocates nothing, and
 * because it lets a lost exit be made good: when the application's stack overflows, the agent's own
 * code at the deepest woven frames may fail to run. A frame whose exit never came stays on the stack;
 * the next exit of an outer frame finds it there and ends it ({@link Frame#abandon}), so that what
 * its policies hold (an in-flight count, later a permit) is given back.
 */
public final class AgentThread {

  private static final ThreadLocal<AgentThread> CURRENT = ThreadLocal.withInitial(AgentThread::new);
  private static final int KEPT_FRAMES = 64;

  int ownWork;
  /** Inside a recorded outgoing HTTP request. */
  public boolean inClient;
  /** Inside a recorded incoming HTTP request. */
  public boolean inServer;
  /** An outgoing request being sent again: the next client start on this thread is its retry, not a new request. */
  public Exchange resend;
  private Frame[] frames = new Frame[8];
  private int depth;

  private AgentThread() {}

  public static AgentThread current() {
    return CURRENT.get();
  }

  /** Whether the agent's own code is running on this thread. */
  public boolean inAgentWork() {
    return ownWork > 0;
  }

  /**
   * A frame for a new call, reused from an earlier call at the same depth when there was one. A frame
   * on top whose call has ended is one that no outer exit came to end (the woven method had no woven
   * caller): it is ended now.
   */
  public <F extends Frame> F push(Supplier<F> factory) {
    while (depth > 0 && frames[depth - 1].ended()) {
      Frame lost = frames[depth - 1];
      if (!end(lost)) {
        break;
      }
      frames[--depth] = null;
    }
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, depth * 2);
    }
    Frame frame = frames[depth];
    if (frame == null) {
      frame = factory.get();
      frame.thread = this;
      frame.depth = depth; // a frame stays at the depth it was made for
      frames[depth] = frame;
    }
    depth++;
    @SuppressWarnings("unchecked")
    F typed = (F) frame;
    return typed;
  }

  /**
   * Ends {@code frame}'s place on the stack, first ending the frames above it whose exit was lost.
   * A frame not on the stack (already ended that way) is left alone. When a lost frame still cannot
   * give back what it holds (the stack is still too short here), it and everything below it down to
   * {@code frame} stay, for the next exit further out.
   */
  public void pop(Frame frame) {
    int index = frame.depth;
    if (index >= depth || frames[index] != frame) {
      return;
    }
    while (depth - 1 > index) {
      if (!end(frames[depth - 1])) {
        return;
      }
      frames[--depth] = null; // a new frame takes its place: the lost call may still hold this one
    }
    depth = index;
    frame.clear();
    if (depth == 0 && frames.length > KEPT_FRAMES) {
      frames = Arrays.copyOf(frames, KEPT_FRAMES); // after deep recursion, keep no more than usual
    }
  }

  /** Ends a call whose exit was lost; false when it still holds something (the stack is still short). */
  private static boolean end(Frame lost) {
    try {
      lost.abandon();
    } catch (VirtualMachineError e) {
      return false;
    } catch (RuntimeException e) {
      AgentLog.warn("ending a call whose exit was lost failed: " + e);
    }
    return !lost.holding();
  }

  /** The calls in progress on this thread, for tests. */
  int depth() {
    return depth;
  }
}
