package io.kitagent.agent;

import java.lang.instrument.Instrumentation;
import java.util.List;

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

  /** Nothing may escape: an exception out of premain aborts the JVM. */
  private static void start(String args, Instrumentation instrumentation, boolean attached) {
    AgentArgs parsed;
    try {
      parsed = AgentArgs.parse(args);
    } catch (Throwable t) {
      Refusal.report(new AgentArgs(null, false, List.of()), "cannot read the agent options \"" + args
          + "\": " + t);
      return;
    }
    try {
      BootstrapJar.install(instrumentation);
    } catch (Throwable t) {
      Refusal.report(parsed, "cannot put the bootstrap classes on the boot class path: " + t);
      return;
    }
    try {
      Startup.run(parsed, instrumentation, attached);
    } catch (Throwable t) {
      Refusal.report(parsed, "failed to start: " + t);
    }
  }
}
