package io.kitagent.logging;

import io.kitagent.config.Level;
import io.kitagent.config.LogPolicy;

/** The logging policy of one woven method: one event per call, when it returns or throws. */
public final class MethodLogger {

  private final EventLog log;
  private final String className;
  private final String methodName;
  private final String[] parameterNames;
  private final boolean[] redacted;
  private final LogPolicy policy;
  private final boolean okEnabled;
  private final boolean errorEnabled;
  private final boolean logArgs;
  private final boolean logResult;

  /** For a method with real parameter names that returns a value. */
  public MethodLogger(EventLog log, String className, String methodName, String[] parameterNames,
      LogPolicy policy) {
    this(log, className, methodName, parameterNames, true, true, policy);
  }

  /**
   * {@code namesKnown}: the class file has parameter names ({@code -parameters}); without them the
   * names are {@code arg0, arg1, ...}, and a redact name that is none of those cannot be honoured, so
   * the arguments are not logged at all (reported once). {@code returnsValue}: false for void.
   */
  public MethodLogger(EventLog log, String className, String methodName, String[] parameterNames,
      boolean namesKnown, boolean returnsValue, LogPolicy policy) {
    this.log = log;
    this.className = className;
    this.methodName = methodName;
    this.parameterNames = parameterNames.clone();
    this.policy = policy;
    this.redacted = new boolean[parameterNames.length];
    for (int i = 0; i < parameterNames.length; i++) {
      redacted[i] = policy.redacts(parameterNames[i]);
    }
    this.okEnabled = log.enabled(policy.level());
    this.errorEnabled = log.enabled(Level.ERROR);
    String unplaced = namesKnown ? null : unplacedRedaction(parameterNames, policy);
    this.logArgs = policy.args() && unplaced == null;
    this.logResult = policy.result() && returnsValue;
    if (policy.args() && unplaced != null) {
      AgentLog.warn(className + "#" + methodName + " was compiled without -parameters, so redact name \""
          + unplaced + "\" matches none of its arguments (" + String.join(", ", parameterNames)
          + "); its arguments are not logged. Compile with -parameters, or redact by position (arg0).");
    }
  }

  private static String unplacedRedaction(String[] parameterNames, LogPolicy policy) {
    for (String name : policy.redact()) {
      boolean placed = name.equals("result");
      for (String parameter : parameterNames) {
        placed |= parameter.equalsIgnoreCase(name);
      }
      if (!placed) {
        return name;
      }
    }
    return null;
  }

  /** Whether this method's events need the arguments and result, so the advice must pass them. */
  public boolean wantsValues() {
    return logArgs || logResult;
  }

  /** Logs a call that started at {@code startNanos} ({@link System#nanoTime()}) and has just ended. */
  public void record(long startNanos, Object[] args, Object result, Throwable error) {
    log(System.nanoTime() - startNanos, args, result, error);
  }

  /** Logs a call that took {@code nanos}. */
  public void log(long nanos, Object[] args, Object result, Throwable error) {
    if (error == null ? !okEnabled : !errorEnabled) {
      return;
    }
    // Render values before touching this thread's line: a toString() may itself log.
    String[] argTexts = logArgs && args != null ? argTexts(args) : null;
    String resultText = logResult && error == null
        ? (policy.redacts("result") ? ValueText.REDACTED : ValueText.of(result)) : null;
    String message = error == null ? null : safeMessage(error);

    EventLine line = log.begin(error == null ? policy.level() : Level.ERROR)
        .string("event", "method")
        .string("class", className)
        .string("method", methodName)
        .number("duration_ms", millis(nanos))
        .string("outcome", error == null ? "ok" : "error");
    if (error != null) {
      line.string("exception", error.getClass().getName());
      if (message != null) {
        line.string("error", message);
      }
    }
    if (argTexts != null) {
      line.beginGroup("args");
      for (int i = 0; i < argTexts.length; i++) {
        line.string(i < parameterNames.length ? parameterNames[i] : "arg" + i, argTexts[i]);
      }
      line.endGroup();
    }
    if (resultText != null) {
      line.string("result", resultText);
    }
    log.write(line);
  }

  private String[] argTexts(Object[] args) {
    String[] texts = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      texts[i] = i < redacted.length && redacted[i] ? ValueText.REDACTED : ValueText.of(args[i]);
    }
    return texts;
  }

  private static String safeMessage(Throwable error) {
    try {
      String message = error.getMessage();
      return message == null ? null : ValueText.of(message);
    } catch (Throwable t) {
      return "<getMessage failed: " + t.getClass().getName() + ">";
    }
  }

  /** Milliseconds with three decimals, e.g. {@code 12.034}, without String.format. */
  public static CharSequence millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    long fraction = micros % 1_000;
    StringBuilder out = new StringBuilder(12).append(micros / 1_000).append('.');
    if (fraction < 100) {
      out.append('0');
    }
    if (fraction < 10) {
      out.append('0');
    }
    return out.append(fraction);
  }
}
