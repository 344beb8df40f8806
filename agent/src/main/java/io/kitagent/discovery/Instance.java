package io.kitagent.discovery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a downstream service, and what the balancers know of it: the requests in flight
 * and a peak-EWMA of its answers' latency (Finagle's and Linkerd's load metric). A slow answer raises
 * the estimate at once; it then decays towards newer answers, and towards zero while the instance is
 * idle, so that an instance avoided for a while is tried again. An answer the downstream gave under
 * load ({@code 429}, {@code 5xx}) or a failed connection counts as a slow one.
 */
public final class Instance {

  /** How fast the estimate forgets: Finagle's default decay time. */
  private static final double DECAY_NANOS = 10e9;
  /** What an overloaded answer adds to its latency. */
  static final long PENALTY_NANOS = 100_000_000L;
  /** The load of an instance busy with requests whose latency is not known yet. */
  private static final double UNKNOWN_LOAD = 1e15;

  private final String host;
  private final int port;
  private final String address;
  private final int weight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile double costNanos;
  private volatile long stampNanos = System.nanoTime();

  public Instance(String host, int port, int weight) {
    this.host = host;
    this.port = port;
    this.address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    this.weight = Math.max(1, weight);
  }

  /** {@code host:port}, or {@code [v6]:port}. */
  public static Instance parse(String address, int weight) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Instance(host, Integer.parseInt(address.substring(colon + 1)), weight);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String address() {
    return address;
  }

  public int weight() {
    return weight;
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** A request to it has started. */
  public void started() {
    inFlight.incrementAndGet();
  }

  /**
   * A request to it ended after {@code nanos}; {@code overloaded}: it answered 429 or 5xx, or not at
   * all. Finagle's peak EWMA: a slower answer is taken at once, a faster one averaged in by the time
   * since the last ({@code cost·w + rtt·(1−w)}, w = e^(−Δt/10 s)).
   */
  public void finished(long nanos, boolean overloaded) {
    inFlight.decrementAndGet();
    double rtt = Math.max(0, nanos) + (overloaded ? PENALTY_NANOS : 0);
    synchronized (this) {
      long now = System.nanoTime();
      double w = Math.exp(-Math.max(0, now - stampNanos) / DECAY_NANOS);
      costNanos = rtt > costNanos ? rtt : costNanos * w + rtt * (1 - w);
      stampNanos = now;
    }
  }

  /** The estimate now: the last one, decayed by the time since. */
  private double decayed(long now) {
    return costNanos * weightOf(now);
  }

  private double weightOf(long now) {
    return Math.exp(-Math.max(0, now - stampNanos) / DECAY_NANOS);
  }

  /**
   * The load a balancer compares: the latency estimate times the requests in flight (plus one). An
   * instance with no answer yet but requests in flight is taken as heavily loaded (Finagle's penalty),
   * so that a new instance that hangs does not draw every request.
   */
  public double load(long now) {
    int busy = inFlight.get();
    double cost = decayed(now);
    return cost == 0 && busy > 0 ? UNKNOWN_LOAD * busy : (cost + 1) * (busy + 1);
  }

  /** The latency estimate in milliseconds, for {@code /agent/discovery}. */
  public double ewmaMillis() {
    return decayed(System.nanoTime()) / 1e6;
  }

  /** An answer given under load ({@code 429}, {@code 5xx}), or none: the balancers avoid the instance for a while. */
  public static boolean overloaded(io.kitagent.core.Call call) {
    int status = call.status();
    return call.outcome() == io.kitagent.core.Outcome.THREW || status == 429 || status >= 500;
  }

  @Override
  public String toString() {
    return address;
  }
}
