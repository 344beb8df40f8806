package io.kitagent.weave.methods;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.kitagent.config.MethodRule;
import io.kitagent.core.Context;
import io.kitagent.logging.AgentLog;
import io.kitagent.methods.WovenMethods;
import io.kitagent.weave.http.HttpWeaving;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the weaving on the JVM: the methods of the rules, and the HTTP libraries.
 *
 * <p>Start-up time is what users of Java agents complain about most, and most of ours is Byte Buddy
 * loading and warming its own classes. So {@link #prepare} starts that on a daemon thread at the first
 * moment of {@code premain}, in parallel with the config being read and the JVM starting, and
 * {@link #install} puts a {@link CandidateFilter} in front that needs no Byte Buddy at all. The
 * application only waits if a class to weave is loaded before Byte Buddy is ready.
 */
public final class Instrumenter {

  private static final Advice.OffsetMapping NO_SITE = (type, method, assigner, arguments, sort) ->
      new Advice.OffsetMapping.Target.ForStackManipulation(IntegerConstant.forValue(-1));

  private final Instrumentation instrumentation;
  private final CompletableFuture<Plan> plan = new CompletableFuture<>();
  private final CompletableFuture<ClassFileTransformer> weaver = new CompletableFuture<>();
  private final CompletableFuture<ClassFileTransformer> httpWeaver = new CompletableFuture<>();

  private final boolean background;

  private Instrumenter(Instrumentation instrumentation, boolean background) {
    this.instrumentation = instrumentation;
    this.background = background;
  }

  /**
   * Starts warming Byte Buddy up; nothing is woven until {@link #install}. {@code background} is false
   * when the agent's class loader is not parallel-capable: then a thread loading Byte Buddy would wait
   * for the loader's lock that the application's main thread holds while it waits, in the
   * transformer, for that thread. Everything is then built in {@link #install}, on the caller.
   */
  public static Instrumenter prepare(Instrumentation instrumentation, boolean background) {
    Instrumenter instrumenter = new Instrumenter(instrumentation, background);
    disableNexus();
    if (!background) {
      return instrumenter;
    }
    // Two threads, because the application waits for weaving and the second core is otherwise
    // idle: one parses the advice and then builds the real transformer as soon as the config is
    // read; the other runs a throwaway weaving that loads the rest of what a weaving needs.
    daemon("kit-agent-init", instrumenter::build);
    daemon("kit-agent-warm-up", Instrumenter::warmUp);
    return instrumenter;
  }

  /**
   * Weaves the rules' methods, and the HTTP classes of the sides that have policies, in classes loaded
   * from now on; or also in those already loaded when {@code retransform} (the attach case: then the
   * weaving is set up before this returns). Both filters are installed at once, so that no class to
   * weave loads unwoven; Byte Buddy's weavers are built on the init thread, and a class that comes
   * first waits for them.
   */
  public void install(List<MethodRule> rules, WovenMethods sites, Context context, boolean httpClient,
      boolean httpServer, boolean retransform) {
    boolean http = httpClient || httpServer;
    if (rules.isEmpty() && !http) {
      return;
    }
    Plan planned = new Plan(rules, sites, context, httpClient, httpServer);
    if (retransform) {
      plan.cancel(false);
      if (!rules.isEmpty()) {
        builder(planned).with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION).installOn(instrumentation);
      }
      if (http) {
        HttpWeaving.install(instrumentation, httpClient, httpServer);
      }
      return;
    }
    if (!rules.isEmpty()) {
      instrumentation.addTransformer(new CandidateFilter(rules, weaver));
    }
    if (http) {
      HttpWeaving.installFilter(instrumentation, httpClient, httpServer, httpWeaver);
    }
    plan.complete(planned);
    if (!background) {
      build();
    }
  }

  /** Lets the init thread end when nothing is to be woven (no rules, a bad config, disabled). */
  public void cancelUnlessInstalled() {
    plan.cancel(false);
  }

  private void build() {
    try {
      MethodAdvice.bind(MethodAdvice.PLAIN, NO_SITE);
      MethodAdvice.bind(MethodAdvice.WITH_VALUES, NO_SITE);
    } catch (Throwable t) {
      AgentLog.debug("parsing the advice failed: " + t);
    }
    Plan ready;
    try {
      ready = plan.join();
    } catch (CancellationException e) {
      return;
    }
    if (!ready.rules().isEmpty()) {
      try {
        weaver.complete(builder(ready).makeRaw());
      } catch (Throwable t) {
        weaver.completeExceptionally(t);
      }
    }
    if (ready.httpClient() || ready.httpServer()) {
      try {
        httpWeaver.complete(HttpWeaving.weaver(instrumentation, ready.httpClient(), ready.httpServer()));
        // Only a class loaded before premain (none in practice) can have escaped the filter.
        HttpWeaving.retransformLoaded(instrumentation, ready.httpClient(), ready.httpServer());
      } catch (Throwable t) {
        httpWeaver.completeExceptionally(t);
      }
    }
  }

  /** Compiles the rules to Byte Buddy matchers: on the init thread, except when attaching. */
  private AgentBuilder builder(Plan plan) {
    MethodRules rules = new MethodRules(plan.rules());
    return base()
        .with(new FailureListener())
        .ignore(any(), isBootstrapClassLoader())
        .or(nameStartsWith("io.kitagent.").or(nameStartsWith("net.bytebuddy."))
            .or(nameStartsWith("java.")).or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun.")).or(isSynthetic()))
        .type(rules.types())
        .transform(new MethodTransformer(instrumentation, rules, plan.sites(), plan.context()));
  }

  /** DECORATE: advice only visits methods, so Byte Buddy need not compute the type's method graph. */
  private static AgentBuilder base() {
    return new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.TypeStrategy.Default.DECORATE);
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs one whole weaving, of a class of our own whose result is thrown away, so that every Byte
   * Buddy class a real weaving needs is loaded before the application asks for one.
   */
  private static void warmUp() {
    try {
      weaveWarmUpTarget();
    } catch (Throwable t) {
      AgentLog.debug("warming up Byte Buddy failed: " + t);
    }
  }

  private static void weaveWarmUpTarget() throws Exception {
    String name = WarmUpTarget.class.getName();
    byte[] bytes;
    try (InputStream in = Instrumenter.class.getResourceAsStream("WarmUpTarget.class")) {
      bytes = in.readAllBytes();
    }
    ClassFileTransformer transformer = base()
        .type(named(name))
        .transform((builder, type, loader, module, domain) -> builder
            .visit(MethodAdvice.bind(MethodAdvice.PLAIN, NO_SITE).on(MethodRules.WEAVABLE))
            .visit(MethodAdvice.bind(MethodAdvice.WITH_VALUES, NO_SITE).on(MethodRules.WEAVABLE)))
        .makeRaw();
    transformer.transform(Instrumenter.class.getClassLoader(), name.replace('.', '/'), null, null, bytes);
  }

  /**
   * Byte Buddy's default builder prepares its "Nexus" for type initializers, which reaches for
   * {@code sun.misc.Unsafe} (JDK 24+ prints warnings for that). Inlined advice needs no Nexus. The
   * property name follows our relocated package, so the application's own Byte Buddy is unaffected.
   */
  private static void disableNexus() {
    System.setProperty(ByteBuddy.class.getPackageName() + ".nexus.disabled", "true");
  }

  private record Plan(List<MethodRule> rules, WovenMethods sites, Context context, boolean httpClient,
      boolean httpServer) {}

  /** Reports a class that could not be woven once; it then runs as it was. */
  public static final class FailureListener extends AgentBuilder.Listener.Adapter {
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
