package io.kitagent.http;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.config.HttpSettings;
import io.kitagent.weave.methods.Instrumenter;
import io.kitagent.logging.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the HTTP client and server classes that the config's {@code http:} asks for. It runs off the
 * application's threads, once Byte Buddy is warm, and then retransforms the targets that are already
 * loaded; so it costs start-up nothing, and a request made in the first moments may go unrecorded.
 */
public final class HttpWeaving {

  static final List<HttpInstrumentation> ALL = all();

  private HttpWeaving() {}

  private static List<HttpInstrumentation> all() {
    List<HttpInstrumentation> all = new ArrayList<>();
    all.add(JdkHttpClientInstrumentation.INSTRUMENTATION);
    all.addAll(UrlConnectionInstrumentation.INSTRUMENTATIONS);
    all.addAll(ApacheHttpClient5Instrumentation.INSTRUMENTATIONS);
    all.addAll(ApacheHttpClient4Instrumentation.INSTRUMENTATIONS);
    all.add(OkHttpInstrumentation.INSTRUMENTATION);
    all.add(JdkHttpServerInstrumentation.INSTRUMENTATION);
    all.addAll(ServletInstrumentation.INSTRUMENTATIONS);
    return List.copyOf(all);
  }

  /** The instrumentations of the sides that {@code settings} switches on. */
  static List<HttpInstrumentation> chosen(HttpSettings settings) {
    return ALL.stream()
        .filter(i -> i.client() ? settings.client() != null : settings.server() != null)
        .toList();
  }

  /** Weaves the chosen classes from now on and retransforms those already loaded. */
  public static void install(Instrumentation instrumentation, HttpSettings settings) {
    List<HttpInstrumentation> chosen = chosen(settings);
    if (chosen.isEmpty()) {
      return;
    }
    Map<String, List<HttpInstrumentation>> byType = chosen.stream()
        .collect(Collectors.groupingBy(HttpInstrumentation::type));
    AgentBuilder builder = new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new Instrumenter.FailureListener())
        .assureReadEdgeTo(instrumentation, Dispatch.class)
        // The JDK's own classes are the point here, so only the agent's classes are ignored.
        .ignore(nameStartsWith("io.kitagent.").or(nameStartsWith("net.bytebuddy.")));
    for (Map.Entry<String, List<HttpInstrumentation>> entry : byType.entrySet()) {
      AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
          .include(HttpWeaving.class.getClassLoader());
      for (HttpInstrumentation each : entry.getValue()) {
        advice = advice.advice(each.methods(), each.enterAdvice(), each.exitAdvice());
      }
      builder = builder.type(named(entry.getKey())).transform(new MethodsPresent(entry.getValue())).transform(advice);
    }
    ClassFileTransformer weaver = builder.makeRaw();
    Set<String> names = byType.keySet().stream().map(name -> name.replace('.', '/'))
        .collect(Collectors.toUnmodifiableSet());
    instrumentation.addTransformer(new TargetFilter(names, weaver), true);
    retransformLoaded(instrumentation, byType.keySet());
    AgentLog.debug("weaving HTTP classes " + byType.keySet());
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

  /** Hands Byte Buddy only the classes to weave, judged from the name. */
  private record TargetFilter(Set<String> internalNames, ClassFileTransformer weaver)
      implements ClassFileTransformer {
    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
        ProtectionDomain domain, byte[] bytes) {
      if (internalName == null || !internalNames.contains(internalName)) {
        return null;
      }
      try {
        return weaver.transform(module, loader, internalName, redefined, domain, bytes);
      } catch (Throwable t) {
        AgentLog.warn("cannot instrument " + internalName.replace('/', '.') + ", it runs uninstrumented: " + t);
        return null;
      }
    }
  }
}
