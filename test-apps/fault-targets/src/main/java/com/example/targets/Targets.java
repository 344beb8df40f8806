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
}
