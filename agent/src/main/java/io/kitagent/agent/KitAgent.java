package io.kitagent.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent} and attach entry points. This class must touch no bootstrap-module type: the
 * bootstrap JAR is appended first, and only then is {@link Startup} loaded.
 */
public final class KitAgent {

  private KitAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, false);
  }

  public static void agentmain(String args, Instrumentation instrumentation) {
    start(args, instrumentation, true);
  }

  private static void start(String args, Instrumentation instrumentation, boolean attached) {
    AgentArgs parsed = AgentArgs.parse(args);
    try {
      BootstrapJar.install(instrumentation);
    } catch (Throwable t) {
      Refusal.report(parsed, "cannot put the bootstrap classes on the boot class path: " + t);
      return;
    }
    Startup.run(parsed, instrumentation, attached);
  }
}
