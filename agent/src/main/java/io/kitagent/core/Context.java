package io.kitagent.core;

import io.kitagent.config.AgentConfig;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import io.kitagent.metrics.Meters;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** What building a policy may need besides its rule: the config, the event log and the meters. */
public final class Context {

  /** A bound on waiting inside class loading: a stuck start-up must not hang the application. */
  public static final long WAIT_SECONDS = 10;

  private final AgentConfig config;
  private final EventLog log;
  private final CompletableFuture<Meters> meters;
  private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();
  private volatile boolean late;

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
   * The meters, waiting for them (at most {@link #WAIT_SECONDS}, and only the first time: once they
   * were late, no one waits again); null when they failed (reported where) or are late (reported here).
   */
  public Meters meters() {
    if (late) {
      return metersIfReady();
    }
    try {
      return meters.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return null;
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      late = true;
      AgentLog.warn("metrics were not ready after " + WAIT_SECONDS + " s; sites set up until they are have "
          + "no metrics policy");
      return null;
    }
  }

  /** The meters if they are ready now, else null. */
  public Meters metersIfReady() {
    return meters.isDone() && !meters.isCompletedExceptionally() ? meters.join() : null;
  }

  /** State that the policies of one word share in this agent (for its health entry), made on first use. */
  public <T> T shared(Class<T> type, Supplier<T> factory) {
    return type.cast(shared.computeIfAbsent(type, key -> factory.get()));
  }

  /** The shared state of {@code type}, or null when no policy made it. */
  public <T> T sharedIfAny(Class<T> type) {
    return type.cast(shared.get(type));
  }

  /** The meters' future, for work that waits on them off the application's threads. */
  public CompletableFuture<Meters> metersFuture() {
    return meters;
  }
}
