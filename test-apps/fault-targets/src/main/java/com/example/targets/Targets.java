package com.example.targets;

import java.util.concurrent.atomic.AtomicInteger;

/** One method per kind of return value; each counts how often its body really ran. */
public class Targets {

  static final AtomicInteger BODIES = new AtomicInteger();

  public void act() {
    BODIES.incrementAndGet();
  }

  public void actQuietly() {
    BODIES.incrementAndGet();
  }

  public int number() {
    BODIES.incrementAndGet();
    return 1;
  }

  public long big() {
    BODIES.incrementAndGet();
    return 1L;
  }

  public boolean flag() {
    BODIES.incrementAndGet();
    return false;
  }

  public String text() {
    BODIES.incrementAndGet();
    return "real";
  }

  public Item item() {
    BODIES.incrementAndGet();
    return new Item("real", 1);
  }

  public int sometimes(int i) {
    BODIES.incrementAndGet();
    return i;
  }

  public String slow() {
    BODIES.incrementAndGet();
    return "slow";
  }

  /** Called in a loop by many threads, to be rate limited. */
  public int limited(int i) {
    BODIES.incrementAndGet();
    return i;
  }

  /** Takes {@code millis}, counting how many calls run at once (the most is {@link #MOST_AT_ONCE}). */
  public String busy(long millis) throws InterruptedException {
    BODIES.incrementAndGet();
    int now = AT_ONCE.incrementAndGet();
    MOST_AT_ONCE.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(millis);
      return "done";
    } finally {
      AT_ONCE.decrementAndGet();
    }
  }

  static final AtomicInteger AT_ONCE = new AtomicInteger();
  static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

  /** Fails every other call, the first included: a retry's second attempt succeeds. */
  public String flaky() {
    BODIES.incrementAndGet();
    if (FLAKY.incrementAndGet() % 2 == 1) {
      throw new IllegalStateException("flaky failed");
    }
    return "flaky ok";
  }

  /** Always fails, as a dependency in an outage. */
  public String broken() {
    BODIES.incrementAndGet();
    throw new IllegalStateException("broken");
  }

  static final AtomicInteger FLAKY = new AtomicInteger();
}
