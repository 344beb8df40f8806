package io.kitagent.instrument;

import io.kitagent.config.MethodRule;
import io.kitagent.logging.EventLog;
import io.kitagent.logging.MethodLogger;
import io.kitagent.metrics.Meters;
import io.kitagent.metrics.MethodTimer;
import io.kitagent.logging.AgentLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Builds the policies of a woven method from its rule. */
public final class CallSiteFactory {

  private final EventLog log;
  private final CompletableFuture<Meters> meters;

  /** {@code meters} is being created on another thread; only rules with metrics wait for it. */
  public CallSiteFactory(EventLog log, CompletableFuture<Meters> meters) {
    this.log = log;
    this.meters = meters;
  }

  /** {@code namesKnown}: the class file has parameter names; {@code returnsValue}: not void. */
  CallSite create(String className, String methodName, String[] parameterNames, boolean namesKnown,
      boolean returnsValue, MethodRule rule) {
    Meters ready = rule.metrics() == null ? null : meters();
    MethodTimer timer = ready == null ? null : ready.methodTimer(className, methodName, rule.metrics());
    MethodLogger logger = rule.log() == null ? null
        : new MethodLogger(log, className, methodName, parameterNames, namesKnown, returnsValue, rule.log());
    return new CallSite(className, methodName, timer, logger);
  }

  /** The meters, or null (reported) when they failed or are not ready within the bound. */
  private Meters meters() {
    try {
      return meters.get(CandidateFilter.WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return null; // reported where creating them failed
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      AgentLog.warn("metrics were not ready after " + CandidateFilter.WAIT_SECONDS + " s; a method is "
          + "woven without its metrics policy");
      return null;
    }
  }
}
