package io.kitagent.logging;

import io.kitagent.config.Level;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import io.kitagent.core.Call;
import io.kitagent.core.MethodCall;
import io.kitagent.core.Outcome;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;

/**
 * The logging policy of one woven method: one event per call, when it returns, throws or is refused.
 * Values are rendered as the agent's own work ({@link AgentWork}): a {@code toString} that calls a
 * woven method runs that method uninstrumented.
 */
public final class MethodLogger implements Policy {

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
  @Override
  public boolean wantsValues() {
    return logArgs || logResult;
  }

  /** The duration is written when the event at the rule's level is; error events take it if read. */
  @Override
  public boolean timed() {
    return okEnabled;
  }

  @Override
  public boolean afterReturn() {
    return okEnabled;
  }

  @Override
  public void after(Call call) {
    MethodCall method = (MethodCall) call;
    if (call.outcome() == Outcome.REFUSED) {
      refused(method);
    } else {
      log(call.nanos(), method.args(), call.value(), call.error());
    }
  }

  @Override
  public void skipped(Call call) {
    refused((MethodCall) call);
  }

  /** A refused call is what the rule configured, not the application's error: the rule's level. */
  private void refused(MethodCall call) {
    if (okEnabled) {
      write(policy.level(), call.nanos(), call.args(), null, null, call.refusal());
    }
  }

  /** Logs a call that took {@code nanos} (-1: not measured, no duration is written). */
  public void log(long nanos, Object[] args, Object result, Throwable error) {
    if (error == null ? !okEnabled : !errorEnabled) {
      return;
    }
    write(error == null ? policy.level() : Level.ERROR, nanos, args, result, error, null);
  }

  private void write(Level level, long nanos, Object[] args, Object result, Throwable error,
      Refusal refusal) {
    // Render values before touching this thread's line: a toString() may itself log.
    String[] argTexts;
    String resultText;
    String message;
    AgentThread own = AgentWork.begin();
    try {
      argTexts = logArgs && args != null ? argTexts(args) : null;
      resultText = logResult && error == null && refusal == null
          ? (policy.redacts("result") ? ValueText.REDACTED : ValueText.of(result)) : null;
      message = error == null ? null : ValueText.message(error);
    } finally {
      AgentWork.end(own);
    }

    EventLine line = log.begin(level)
        .string("event", "method")
        .string("class", className)
        .string("method", methodName);
    if (nanos >= 0) {
      line.number("duration_ms", millis(nanos));
    }
    line.string("outcome", refusal != null ? "refused" : error == null ? "ok" : "error");
    if (refusal != null) {
      line.string("reason", refusal.reason());
    }
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
