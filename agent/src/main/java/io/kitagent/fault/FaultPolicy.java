package io.kitagent.fault;

import io.kitagent.config.Level;
import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.core.RefusingPolicy;
import io.kitagent.core.Refusal;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fault injection on one site: each call is delayed with one probability and, independently, aborted
 * with another. A delay sleeps on the caller's thread before the call goes on; an abort refuses the
 * call, which gets the site's {@code onReject} answer. Both are counted
 * ({@code kit_fault_injected_total{site, kind}}) and logged at debug.
 */
public final class FaultPolicy extends RefusingPolicy {

  private final String site;
  private final double abortFraction;
  private final double delayFraction;
  private final long delayNanos;
  private final Counter aborts;
  private final Counter delays;
  private final EventLog log;
  private final LongAdder abortCount = new LongAdder();
  private final LongAdder delayCount = new LongAdder();

  /** {@code aborts} and {@code delays} may be null when metrics are off. */
  FaultPolicy(String site, Fault fault, OnReject onReject, Counter aborts, Counter delays, EventLog log) {
    super(Fault.KEY, "abort injected", onReject);
    this.site = site;
    this.abortFraction = fault.abortPercent() / 100;
    this.delayFraction = fault.delay() == null ? 0 : fault.delayPercent() / 100;
    this.delayNanos = fault.delay() == null ? 0 : fault.delay().toNanos();
    this.aborts = aborts;
    this.delays = delays;
    this.log = log != null && log.enabled(Level.DEBUG) ? log : null;
  }

  @Override
  public Refusal before(Call call) {
    if (delayFraction > 0 && ThreadLocalRandom.current().nextDouble() < delayFraction) {
      delayCount.increment();
      injected(delays, "delay");
      sleep();
    }
    if (abortFraction > 0 && ThreadLocalRandom.current().nextDouble() < abortFraction) {
      abortCount.increment();
      injected(aborts, "abort");
      return refusal();
    }
    return null;
  }

  long aborts() {
    return abortCount.sum();
  }

  long delays() {
    return delayCount.sum();
  }

  private void injected(Counter counter, String kind) {
    if (counter != null) {
      counter.increment();
    }
    if (log != null) {
      log.write(log.begin(Level.DEBUG).string("event", "fault").string("site", site).string("kind", kind));
    }
  }

  /** An interrupt ends the delay early and stays set for the application to see. */
  private void sleep() {
    long end = System.nanoTime() + delayNanos;
    try {
      for (long left = delayNanos; left > 0; left = end - System.nanoTime()) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
