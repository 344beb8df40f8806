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

  /** A frame for a new call, reused from an earlier call at the same depth when there was one. */
  public <F extends Frame> F push(Supplier<F> factory) {
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, depth * 2);
    }
    Frame frame = frames[depth];
    if (frame == null) {
      frame = factory.get();
      frame.thread = this;
      frames[depth] = frame;
    }
    frame.depth = depth;
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
      Frame orphan = frames[depth - 1];
      try {
        orphan.abandon();
      } catch (VirtualMachineError e) {
        return;
      } catch (RuntimeException e) {
        AgentLog.warn("ending a call whose exit was lost failed: " + e);
      }
      if (orphan.holding()) {
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

  /** The calls in progress on this thread, for tests. */
  int depth() {
    return depth;
  }
}
