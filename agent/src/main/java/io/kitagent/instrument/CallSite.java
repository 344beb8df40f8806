package io.kitagent.instrument;

import io.kitagent.logging.MethodLogger;

/** One woven method with its policies, built once when its class is woven. */
public final class CallSite {

  private final String className;
  private final String methodName;
  private final MethodLogger logger;

  public CallSite(String className, String methodName, MethodLogger logger) {
    this.className = className;
    this.methodName = methodName;
    this.logger = logger;
  }

  public String name() {
    return className + "#" + methodName;
  }

  boolean wantsValues() {
    return logger != null && logger.wantsValues();
  }

  void exit(long start, Object[] args, Object result, Throwable error) {
    if (logger != null) {
      logger.record(start, args, result, error);
    }
  }
}
