package io.kitagent.core;

import io.kitagent.config.AgentConfig;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import io.kitagent.metrics.Meters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What building a policy may need besides its rule: the config, the event log and the meters. */
public final class Context {

  /** A bound on waiting inside class loading: a stuck start-up must not hang the application. */
  public static final long WAIT_SECONDS = 10;

  private final AgentConfig config;
  private final EventLog log;
  private final CompletableFuture<Meters> meters;

  /** {@code meters} may still be being created on another thread. */
  public Context(AgentConfig config, EventLog log, CompletableFuture<Meters> meters) {
    this.config = config;
    this.log = log;
    this.meters = meters;
  }

  public AgentConfig config() {
    return config;
  }

  public EventLog log() {
    return log;
  }

  /**
   * The meters, waiting for them (at most {@link #WAIT_SECONDS}); null when they failed (reported
   * where) or are late (reported here).
   */
  public Meters meters() {
    try {
      return meters.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return null;
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      AgentLog.warn("metrics were not ready after " + WAIT_SECONDS + " s; a site is woven without its "
          + "metrics policy");
      return null;
    }
  }

  /** The meters if they are ready now, else null. */
  public Meters metersIfReady() {
    return meters.isDone() && !meters.isCompletedExceptionally() ? meters.join() : null;
  }

  /** The meters' future, for work that waits on them off the application's threads. */
  public CompletableFuture<Meters> metersFuture() {
    return meters;
  }
}
