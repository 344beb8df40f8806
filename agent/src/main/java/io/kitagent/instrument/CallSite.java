package io.kitagent.instrument;

import io.kitagent.logging.MethodLogger;
import io.kitagent.metrics.MethodTimer;

/**
 * One woven method with its policies, built once when its class is woven. Policies compose in a fixed
 * order (metrics, then logging); one that is not configured is null and costs a null check.
 */
public final class CallSite {

  private final String className;
  private final String methodName;
  private final MethodTimer timer;
  private final MethodLogger logger;

  public CallSite(String className, String methodName, MethodTimer timer, MethodLogger logger) {
    this.className = className;
    this.methodName = methodName;
    this.timer = timer;
    this.logger = logger;
  }

  public String name() {
    return className + "#" + methodName;
  }

  boolean wantsValues() {
    return (logger != null && logger.wantsValues()) || (timer != null && timer.wantsArguments());
  }

  long enter() {
    if (timer != null) {
      timer.enter();
    }
    return System.nanoTime();
  }

  void exit(long start, Object[] args, Object result, Throwable error) {
    long nanos = System.nanoTime() - start;
    if (timer != null) {
      timer.exit(nanos, args, error);
    }
    if (logger != null) {
      logger.log(nanos, args, result, error);
    }
  }
}
