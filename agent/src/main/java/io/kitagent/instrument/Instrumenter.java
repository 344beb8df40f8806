package io.kitagent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import java.lang.instrument.Instrumentation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/** Installs the method weaving on the JVM. */
public final class Instrumenter {

  private Instrumenter() {}

  /**
   * Installs the transformer. {@code retransform} also weaves classes loaded before the agent (the
   * attach case); under {@code -javaagent} only classes loaded from now on are seen.
   */
  public static void install(Instrumentation instrumentation, MethodRules rules, CallSites sites,
      EventLog log, boolean retransform) {
    if (rules.isEmpty()) {
      return;
    }
    disableNexus();
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(retransform ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
            : AgentBuilder.RedefinitionStrategy.DISABLED)
        .with(new FailureListener())
        .assureReadEdgeTo(instrumentation, Dispatch.class)
        .ignore(any(), isBootstrapClassLoader())
        .or(nameStartsWith("io.kitagent.").or(nameStartsWith("net.bytebuddy."))
            .or(nameStartsWith("java.")).or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun.")).or(isSynthetic()))
        .type(rules.types())
        .transform(new MethodTransformer(rules, sites, log))
        .installOn(instrumentation);
  }

  /**
   * Byte Buddy's default builder prepares its "Nexus" for type initializers, which reaches for
   * {@code sun.misc.Unsafe} (JDK 24+ prints warnings for that). Inlined advice needs no Nexus. The
   * property name follows our relocated package, so the application's own Byte Buddy is unaffected.
   */
  private static void disableNexus() {
    System.setProperty(ByteBuddy.class.getPackageName() + ".nexus.disabled", "true");
  }

  /** Reports a class that could not be woven once; it then runs as it was. */
  static final class FailureListener extends AgentBuilder.Listener.Adapter {
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
        Throwable error) {
      if (reported.add(typeName)) {
        AgentLog.warn("cannot instrument " + typeName + ", it runs uninstrumented: " + error);
      }
    }
  }
}
