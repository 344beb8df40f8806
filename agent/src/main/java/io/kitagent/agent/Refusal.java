package io.kitagent.agent;

import io.kitagent.logging.AgentLog;

/** The agent declining to instrument: a clear reason on stderr, and exit 2 only when strict. */
final class Refusal {

  static final int STRICT_EXIT_STATUS = 2;

  private Refusal() {}

  static void report(AgentArgs args, String reason) {
    if (args.strict()) {
      AgentLog.error(reason + "; agent.strict is true: stopping the JVM with exit status "
          + STRICT_EXIT_STATUS);
      System.exit(STRICT_EXIT_STATUS);
    }
    AgentLog.error(reason + "; the application runs without instrumentation");
  }
}
