package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.weave.methods.Instrumenter;
import io.kitagent.core.Context;
import io.kitagent.logging.AgentLog;
import io.kitagent.weave.BootstrapTypes;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the HTTP client and server classes of the sides that have policies: a filter by class name
 * from the first moment of {@code premain}, and Byte Buddy's weaver built off the application's
 * threads, which a class to weave waits for if it comes first.
 */
public final class HttpWeaving {

  private HttpWeaving() {}

  /** The instrumentations of the sides to weave. */
  static List<HttpInstrumentation> chosen(boolean client, boolean server) {
    return HttpLibraries.ALL.stream().filter(i -> i.client() ? client : server).toList();
  }

  /**
   * Weaves the HTTP classes of the chosen sides from now on: a filter that knows them by name (no Byte
   * Buddy needed), so that it can be installed at the first moment of {@code premain}. A class to weave
   * that loads before {@code weaver} is built waits for it (at most {@link Context#WAIT_SECONDS}), so
   * that no request, not even the first statement of {@code main}, is missed.
   */
  public static void installFilter(Instrumentation instrumentation, boolean client, boolean server,
      CompletableFuture<ClassFileTransformer> weaver) {
    Set<String> names = types(client, server).stream().map(name -> name.replace('.', '/'))
        .collect(Collectors.toUnmodifiableSet());
    if (!names.isEmpty()) {
      instrumentation.addTransformer(new TargetFilter(names, weaver), true);
    }
  }

  /** Builds the weaver of the chosen sides' classes (slow: Byte Buddy matchers and advice). */
  public static ClassFileTransformer weaver(Instrumentation instrumentation, boolean client, boolean server) {
    ClassFileLocator bootstrap = BootstrapTypes.locator();
    Map<String, List<HttpInstrumentation>> byType = chosen(client, server).stream()
        .collect(Collectors.groupingBy(HttpInstrumentation::type));
    AgentBuilder builder = new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new Instrumenter.FailureListener())
        .assureReadEdgeTo(instrumentation, Dispatch.class)
        // The JDK's own classes are the point here, so only the agent's classes are ignored.
        .ignore(nameStartsWith("io.kitagent.").or(nameStartsWith("net.bytebuddy.")));
    for (Map.Entry<String, List<HttpInstrumentation>> entry : byType.entrySet()) {
      AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
          .include(HttpWeaving.class.getClassLoader())
          .include(bootstrap);
      for (HttpInstrumentation each : entry.getValue()) {
        advice = advice.advice(each.methods(), each.enterAdvice(), each.exitAdvice());
      }
      builder = builder.type(named(entry.getKey())).transform(new MethodsPresent(entry.getValue())).transform(advice);
    }
    AgentLog.debug("weaving HTTP classes " + byType.keySet());
    return builder.makeRaw();
  }

  /**
   * Weaves the chosen classes from now on and those already loaded: for attaching to a running JVM,
   * and for tests.
   */
  public static void install(Instrumentation instrumentation, boolean client, boolean server) {
    installFilter(instrumentation, client, server,
        CompletableFuture.completedFuture(weaver(instrumentation, client, server)));
    retransformLoaded(instrumentation, client, server);
  }

  /** Retransforms the chosen classes that were loaded before the filter was installed. */
  public static void retransformLoaded(Instrumentation instrumentation, boolean client, boolean server) {
    retransformLoaded(instrumentation, types(client, server));
  }

  private static Set<String> types(boolean client, boolean server) {
    return chosen(client, server).stream().map(HttpInstrumentation::type).collect(Collectors.toSet());
  }

  private static void retransformLoaded(Instrumentation instrumentation, Set<String> names) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (names.contains(type.getName()) && instrumentation.isModifiableClass(type)) {
        loaded.add(type);
      }
    }
    for (Class<?> type : loaded) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Throwable t) {
        AgentLog.warn("cannot instrument the loaded " + type.getName() + ", it runs uninstrumented: " + t);
      }
    }
  }

  /**
   * Warns when a class to weave has none of the methods its advice expects: another version of the
   * library or of the JDK, whose requests would otherwise go unrecorded without a word.
   */
  private record MethodsPresent(List<HttpInstrumentation> instrumentations) implements AgentBuilder.Transformer {
    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
        ClassLoader loader, JavaModule module, ProtectionDomain domain) {
      for (HttpInstrumentation each : instrumentations) {
        if (type.getDeclaredMethods().filter(each.methods()).isEmpty()) {
          AgentLog.warn(type.getName() + " has no method that " + each.library() + " weaves (a version "
              + "Kit Agent does not know?); its requests are not recorded");
        }
      }
      return builder;
    }
  }

  /** Hands Byte Buddy only the classes to weave, judged from the name, once it is ready. */
  private static final class TargetFilter implements ClassFileTransformer {
    private final Set<String> internalNames;
    private final CompletableFuture<ClassFileTransformer> weaver;
    private final AtomicBoolean reported = new AtomicBoolean();

    TargetFilter(Set<String> internalNames, CompletableFuture<ClassFileTransformer> weaver) {
      this.internalNames = internalNames;
      this.weaver = weaver;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
        ProtectionDomain domain, byte[] bytes) {
      if (internalName == null || !internalNames.contains(internalName)) {
        return null;
      }
      String name = internalName.replace('/', '.');
      ClassFileTransformer ready;
      try {
        ready = weaver.get(Context.WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (reported.compareAndSet(false, true)) {
          AgentLog.error("cannot set up HTTP weaving, no HTTP request is recorded: " + e.getCause());
        }
        return null;
      } catch (TimeoutException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        AgentLog.warn("HTTP weaving was not ready after " + Context.WAIT_SECONDS + " s; " + name
            + " runs uninstrumented");
        return null;
      }
      try {
        return ready.transform(module, loader, internalName, redefined, domain, bytes);
      } catch (Throwable t) {
        AgentLog.warn("cannot instrument " + name + ", it runs uninstrumented: " + t);
        return null;
      }
    }
  }
}
