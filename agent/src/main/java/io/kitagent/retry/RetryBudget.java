package io.kitagent.retry;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Finagle's retry budget: over the last {@link #SECONDS} seconds, at most {@code ratio} retries per
 * call plus {@code minPerSecond} retries a second. Retries then add at most a fixed share to the
 * load on a failing dependency instead of multiplying it. Counted in one slot per second, without a
 * lock; two threads turning a slot over at the same moment may lose a count, which only errs by one.
 */
final class RetryBudget {

  static final int SECONDS = 10;

  private final double ratio;
  private final long reserve;
  private final AtomicLongArray second = new AtomicLongArray(SECONDS);
  private final AtomicLongArray calls = new AtomicLongArray(SECONDS);
  private final AtomicLongArray retries = new AtomicLongArray(SECONDS);

  RetryBudget(double ratio, int minPerSecond) {
    this.ratio = ratio;
    this.reserve = (long) minPerSecond * SECONDS;
    for (int i = 0; i < SECONDS; i++) {
      second.set(i, Long.MIN_VALUE);
    }
  }

  /** A call was made. */
  void deposit(long nowNanos) {
    calls.incrementAndGet(slot(nowNanos / 1_000_000_000L));
  }

  /** Takes one retry from the budget, or says there is none left. */
  boolean withdraw(long nowNanos) {
    long now = nowNanos / 1_000_000_000L;
    int mine = slot(now);
    retries.incrementAndGet(mine); // reserved first, so that threads failing at once cannot all pass
    long made = 0;
    long retried = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (second.get(i) > now - SECONDS) {
        made += calls.get(i);
        retried += retries.get(i);
      }
    }
    if (retried > ratio * made + reserve) {
      retries.decrementAndGet(mine);
      return false;
    }
    return true;
  }

  /** The slot of second {@code now}, emptied first when it still holds an older second. */
  private int slot(long now) {
    int i = (int) Math.floorMod(now, (long) SECONDS);
    long held = second.get(i);
    if (held != now && second.compareAndSet(i, held, now)) {
      calls.set(i, 0);
      retries.set(i, 0);
    }
    return i;
  }
}
