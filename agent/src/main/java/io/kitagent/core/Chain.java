package io.kitagent.core;

import io.kitagent.logging.AgentLog;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * The policies of one site, outermost first, as {@link PolicyOrder} ranks them. Built once per site
 * when its class is woven (or its HTTP destination first seen); a call costs a loop over an array.
 *
 * <p>Before the call, each policy's before step runs in order until one refuses. After it, each
 * policy that ran gets its after step in reverse order; the policies inside a refusing one get
 * {@link Policy#skipped} instead, since the call never reached them. A policy that throws is reported
 * once per site and treated as absent for that call. A {@link VirtualMachineError} (the application's
 * stack or heap running out under the policy) is not the policy's fault and is not reported.
 */
public final class Chain {

  /** The most policies one chain may hold: which ran is one bit each of an int. */
  public static final int MAX_POLICIES = 16;

  private final String site;
  private final Policy[] policies;
  private final boolean[] hasBefore;
  private final boolean[] holds;
  /** Bit i: policy i has an after step; one that matters for a call that returned; a skipped step. */
  private final int afterMask;
  private final int afterReturnMask;
  private final int skippedMask;
  private final boolean anyBefore;
  private final boolean mayRefuse;
  private final boolean timed;
  private final boolean afterReturn;
  private final boolean wantsValues;
  /** The index of the policy that retries, or -1. */
  private final int retryAt;
  private final AtomicIntegerArray reported;
  private final Consumer<String> warn;

  private Chain(String site, List<Policy> policies, Consumer<String> warn) {
    if (policies.size() > MAX_POLICIES) {
      throw new IllegalArgumentException("a chain holds at most " + MAX_POLICIES + " policies");
    }
    this.site = site;
    this.warn = warn;
    this.policies = policies.toArray(new Policy[0]);
    this.hasBefore = new boolean[this.policies.length];
    this.holds = new boolean[this.policies.length];
    int after = 0;
    int afterReturning = 0;
    int skipping = 0;
    boolean before = false;
    boolean refuse = false;
    boolean clock = false;
    boolean afterOk = false;
    boolean values = false;
    int retrying = -1;
    for (int i = 0; i < this.policies.length; i++) {
      Policy policy = this.policies[i];
      if (policy.retries() && retrying < 0) {
        retrying = i;
      }
      holds[i] = policy.holds();
      if (overrides(policy, "after")) {
        after |= 1 << i;
        afterReturning |= policy.afterReturn() ? 1 << i : 0;
      }
      skipping |= overrides(policy, "skipped") ? 1 << i : 0;
      hasBefore[i] = policy.hasBefore() || policy.mayRefuse() || holds[i];
      before |= hasBefore[i];
      refuse |= policy.mayRefuse();
      clock |= policy.timed();
      afterOk |= policy.afterReturn();
      values |= policy.wantsValues();
    }
    this.afterMask = after;
    this.afterReturnMask = afterReturning;
    this.skippedMask = skipping;
    this.anyBefore = before;
    this.mayRefuse = refuse;
    this.timed = clock;
    this.afterReturn = afterOk;
    this.wantsValues = values;
    this.retryAt = retrying;
    this.reported = new AtomicIntegerArray(this.policies.length);
  }

  /** {@code policies} in chain order; {@code site} names the site in reports. */
  public static Chain of(String site, List<Policy> policies) {
    return new Chain(site, policies, AgentLog::warn);
  }

  /** As {@link #of(String, List)}, reporting failing policies to {@code warn}. */
  static Chain of(String site, List<Policy> policies, Consumer<String> warn) {
    return new Chain(site, policies, warn);
  }

  public String site() {
    return site;
  }

  /** The policies, outermost first. */
  public List<Policy> policies() {
    return List.of(policies);
  }

  public boolean isEmpty() {
    return policies.length == 0;
  }

  /** Whether some policy may refuse a call. */
  public boolean mayRefuse() {
    return mayRefuse;
  }

  /** For methods: whether some policy reads the arguments or the return value. */
  public boolean wantsValues() {
    return wantsValues;
  }

  /** Whether a policy retries failed calls: methods then get the advice that can run their body again. */
  public boolean retries() {
    return retryAt >= 0;
  }

  /** Whether a call needs anything before it runs: a before step, the start time, or a frame to retry in. */
  public boolean needsBefore() {
    return anyBefore || timed || retryAt >= 0;
  }

  /** Whether a call that returned normally has an after step to run. */
  public boolean afterReturn() {
    return afterReturn || anyBefore;
  }

  /** Runs the before steps; false when a policy refused (see {@link Call#refusal}). */
  public boolean before(Call call) {
    if (timed) {
      call.start = System.nanoTime();
    }
    return before(call, 0);
  }

  /** The before steps from policy {@code from} inward. */
  private boolean before(Call call, int from) {
    Policy[] all = policies;
    for (int i = from; i < all.length; i++) {
      if (!hasBefore[i]) {
        call.ran |= 1 << i;
        continue;
      }
      Refusal refusal;
      try {
        call.at(i);
        refusal = all[i].before(call);
      } catch (VirtualMachineError e) {
        continue;
      } catch (Throwable t) {
        report(i, "before", t);
        continue;
      }
      call.ran |= 1 << i;
      if (refusal != null) {
        call.refuse(refusal, i);
        return false;
      }
      if (holds[i]) {
        call.held |= 1 << i;
      }
    }
    return true;
  }

  /**
   * Runs the release and after steps of a call whose outcome is set. Each after step runs at most
   * once per call; a release that failed (the stack overflowed) stays due, see {@link Call#holding}.
   * Kept small, so that the JIT inlines it into each woven method; the rare paths are apart.
   */
  public void after(Call call) {
    if (timed && call.nanos < 0) {
      call.nanos = Math.max(0, System.nanoTime() - call.start);
    }
    if (call.held != 0) {
      release(call);
    }
    if (call.refusedAt >= 0) {
      afterRefusal(call);
      return;
    }
    int due = call.ran & (call.outcome == Call.RETURNED ? afterReturnMask : afterMask);
    call.ran = 0;
    while (due != 0) {
      int i = 31 - Integer.numberOfLeadingZeros(due); // innermost first
      due &= ~(1 << i);
      after(i, call, false);
    }
  }

  /**
   * An attempt of a call failed (its outcome is set): asks the retry policy whether to try again and,
   * if so, ends the attempt for the policies inside it (releases and after steps), waits, and begins
   * the next one with their before steps. True when the next attempt may run; false when there is
   * none (the call ends as usual) or a policy inside refused it (the call ends refused: a retry never
   * goes past an open breaker or a spent limiter).
   */
  public boolean retry(Call call) {
    long waitNanos = endAttempt(call);
    if (waitNanos < 0) {
      return false;
    }
    if (waitNanos > 0 && !sleep(waitNanos)) {
      return false; // interrupted: the call ends with this attempt's failure, the interrupt kept
    }
    return nextAttempt(call);
  }

  /**
   * The first half of {@link #retry}, for a caller that waits on its own (an asynchronous request):
   * the nanoseconds to wait before {@link #nextAttempt}, the attempt ended for the policies inside
   * the retry; or -1, nothing done, when the call is not tried again.
   */
  public long endAttempt(Call call) {
    if (retryAt < 0 || call.refusedAt >= 0 || (call.ran & (1 << retryAt)) == 0) {
      return -1;
    }
    if (timed && call.nanos < 0) {
      call.nanos = Math.max(0, System.nanoTime() - call.start);
    }
    long waitNanos;
    try {
      call.at(retryAt);
      waitNanos = policies[retryAt].retryWait(call);
    } catch (VirtualMachineError e) {
      return -1;
    } catch (Throwable t) {
      report(retryAt, "retry", t);
      return -1;
    }
    if (waitNanos < 0) {
      return -1;
    }
    int inside = -1 << (retryAt + 1);
    if ((call.held & inside) != 0) {
      release(call, retryAt + 1);
      if ((call.held & inside) != 0) {
        return -1; // a release failed (the stack overflowed): no second permit on top of it
      }
    }
    int due = call.ran & inside & (call.outcome == Call.RETURNED ? afterReturnMask : afterMask);
    call.ran &= ~inside;
    while (due != 0) {
      int i = 31 - Integer.numberOfLeadingZeros(due);
      due &= ~(1 << i);
      after(i, call, false);
    }
    return waitNanos;
  }

  /** Begins the next attempt of a call {@link #endAttempt} ended: false when a policy inside the retry refused it. */
  public boolean nextAttempt(Call call) {
    call.nextAttempt();
    if (timed) {
      call.start = System.nanoTime();
    }
    return before(call, retryAt + 1);
  }

  /** Sleeps a retry's wait: false, the interrupt kept, when the thread was interrupted. */
  public static boolean sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void release(Call call) {
    release(call, 0);
  }

  /** The release steps of policies {@code from} inward that still hold something. */
  private void release(Call call, int from) {
    Policy[] all = policies;
    for (int i = all.length - 1; i >= from && call.held != 0; i--) {
      int bit = 1 << i;
      if ((call.held & bit) != 0) {
        try {
          call.at(i);
          all[i].release(call);
          call.held &= ~bit;
        } catch (VirtualMachineError e) {
          // still held: an outer frame ends the call again
        } catch (Throwable t) {
          call.held &= ~bit;
          report(i, "release", t);
        }
      }
    }
  }

  /** The policies inside the refusing one were skipped; it and those outside it get their after step. */
  private void afterRefusal(Call call) {
    int refusedAt = call.refusedAt;
    for (int i = policies.length - 1; i >= 0; i--) {
      int bit = 1 << i;
      boolean inside = i > refusedAt;
      if (!inside && (call.ran & bit) == 0) {
        continue;
      }
      call.ran &= ~bit;
      if (inside ? (skippedMask & bit) != 0 : (afterMask & bit) != 0) {
        after(i, call, inside);
      }
    }
    call.refusedAt = Integer.MIN_VALUE; // done: a second call of after finds nothing left to skip
  }

  private void after(int i, Call call, boolean skipped) {
    try {
      call.at(i);
      if (skipped) {
        policies[i].skipped(call);
      } else {
        policies[i].after(call);
      }
    } catch (VirtualMachineError e) {
      // the application's stack or heap ran out under the policy
    } catch (Throwable t) {
      report(i, skipped ? "skipped" : "after", t);
    }
  }

  /** Whether the policy's class (or a superclass) implements the step, rather than inheriting the empty default. */
  private static boolean overrides(Policy policy, String step) {
    try {
      return policy.getClass().getMethod(step, Call.class).getDeclaringClass() != Policy.class;
    } catch (NoSuchMethodException | RuntimeException e) {
      return true;
    }
  }

  /** For a call with no before steps: marks every policy as having run. */
  public void allRan(Call call) {
    call.ran = (1 << policies.length) - 1;
  }

  private void report(int index, String step, Throwable t) {
    if (reported.compareAndSet(index, 0, 1)) {
      warn.accept("the " + policies[index].getClass().getSimpleName() + " of " + site + " failed in its "
          + step + " step; the call went on without it (reported once per site and policy): " + t);
    }
  }
}
