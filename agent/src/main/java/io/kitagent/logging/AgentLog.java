package io.kitagent.logging;

import java.io.PrintStream;

/**
 * The agent's own messages (start-up, config errors, instrumentation failures): plain lines on
 * standard error prefixed {@code kit-agent:}, written at once because they are rare and must not be
 * lost if the JVM is about to stop.
 */
public final class AgentLog {

  private static volatile boolean debug;
  private static final PrintStream ERR = System.err;

  private AgentLog() {}

  public static void enableDebug(boolean on) {
    debug = on;
  }

  public static boolean debugEnabled() {
    return debug;
  }

  public static void debug(String message) {
    if (debug) {
      print("DEBUG", message);
    }
  }

  public static void info(String message) {
    print("INFO", message);
  }

  public static void warn(String message) {
    print("WARN", message);
  }

  public static void error(String message) {
    print("ERROR", message);
  }

  private static void print(String level, String message) {
    ERR.println("kit-agent: " + level + " " + message);
    ERR.flush();
  }
}
