package io.kitagent.instrument;

import io.kitagent.config.MethodRule;
import io.kitagent.logging.EventLog;
import io.kitagent.logging.MethodLogger;
import io.kitagent.metrics.Meters;
import io.kitagent.metrics.MethodTimer;
import java.util.concurrent.CompletableFuture;

/** Builds the policies of a woven method from its rule. */
public final class CallSiteFactory {

  private final EventLog log;
  private final CompletableFuture<Meters> meters;

  /** {@code meters} is being created on another thread; only rules with metrics wait for it. */
  public CallSiteFactory(EventLog log, CompletableFuture<Meters> meters) {
    this.log = log;
    this.meters = meters;
  }

  CallSite create(String className, String methodName, String[] parameterNames, MethodRule rule) {
    MethodTimer timer = rule.metrics() == null ? null
        : meters.join().methodTimer(className, methodName, rule.metrics());
    MethodLogger logger = rule.log() == null ? null
        : new MethodLogger(log, className, methodName, parameterNames, rule.log());
    return new CallSite(className, methodName, timer, logger);
  }
}
