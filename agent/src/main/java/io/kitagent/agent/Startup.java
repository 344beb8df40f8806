package io.kitagent.agent;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.config.AgentConfig;
import io.kitagent.config.ConfigException;
import io.kitagent.config.ConfigLoader;
import io.kitagent.config.ConfigProblem;
import io.kitagent.config.Level;
import io.kitagent.admin.Health;
import io.kitagent.admin.Views;
import io.kitagent.http.HttpRuntime;
import io.kitagent.core.Context;
import io.kitagent.core.PolicyOrder;
import io.kitagent.methods.WovenMethods;
import io.kitagent.weave.methods.Instrumenter;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the config and installs what it asks for. Nothing here may stop the application: any failure
 * is reported and the application runs uninstrumented, unless {@code agent.strict} asks for exit 2.
 */
final class Startup {

  /**
   * Start-up work may go to other threads only when the agent's class loader lets several threads
   * load classes at once; a custom {@code java.system.class.loader} may not (see
   * {@code Instrumenter.prepare}).
   */
  private static final boolean BACKGROUND = Startup.class.getClassLoader().isRegisteredAsParallelCapable();

  private Startup() {}

  static void run(AgentArgs args, Instrumentation instrumentation, boolean attached) {
    long start = System.nanoTime();
    args.problems().forEach(AgentLog::warn);
    if (args.config() == null) {
      Refusal.report(args, "no config file given: use -javaagent:kit-agent.jar=config=FILE, "
          + "-Dkit.agent.config=FILE or KIT_AGENT_CONFIG=FILE");
      return;
    }
    Instrumenter instrumenter = Instrumenter.prepare(instrumentation, BACKGROUND);
    try {
      run(args, instrumentation, instrumenter, attached, start);
    } finally {
      instrumenter.cancelUnlessInstalled();
    }
  }

  private static void run(AgentArgs args, Instrumentation instrumentation, Instrumenter instrumenter,
      boolean attached, long start) {
    AgentConfig config;
    try {
      config = ConfigLoader.standard().load(Path.of(args.config()));
    } catch (RuntimeException e) {
      Refusal.report(args, "cannot read config " + args.config() + ": " + e);
      return;
    } catch (ConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        AgentLog.error(problem.toString());
      }
      String count = e.problems().size() == 1 ? "1 problem" : e.problems().size() + " problems";
      Refusal.report(e.strictRequested() ? new AgentArgs(args.config(), true, args.problems()) : args,
          "config " + args.config() + " has " + count);
      return;
    }
    try {
      install(config, instrumentation, instrumenter, attached, start);
    } catch (Throwable t) {
      Refusal.report(new AgentArgs(args.config(), args.strict() || config.agent().strict(), args.problems()),
          "failed to start: " + t);
    }
  }

  private static void install(AgentConfig config, Instrumentation instrumentation,
      Instrumenter instrumenter, boolean attached,
      long start) throws Exception {
    if (!config.agent().enabled()) {
      AgentLog.info("agent.enabled is false in " + config.source() + ": no instrumentation");
      return;
    }
    WovenMethods sites = new WovenMethods();
    if (!Dispatch.install(sites)) {
      AgentLog.warn("kit-agent is already running in this JVM; this second start (" + config.source()
          + ") is ignored");
      return;
    }
    AgentLog.enableDebug(config.logging().level() == Level.DEBUG);
    EventLog log = EventLog.open(config.service(), config.logging());
    Health health = new Health(Version.current(), System.currentTimeMillis());
    health.register("weaving", () -> Health.Status.up(Map.of("woven_methods", sites.size())));
    Views views = new Views();
    Telemetry telemetry = Telemetry.start(config, log, health, views, BACKGROUND);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      telemetry.close();
      log.close();
    }, "kit-agent-shutdown"));
    Context context = new Context(config, log, telemetry.meters());
    health.registerAll(() -> PolicyOrder.health(context)); // worked out at the first /health, not here
    views.registerAll(() -> PolicyOrder.views(context));
    boolean httpClient = false;
    boolean httpServer = false;
    if (config.http().enabled() || !config.services().isEmpty()) {
      HttpRuntime http = new HttpRuntime(config, context);
      httpClient = http.clientSide();
      httpServer = http.serverSide();
      if (httpClient || httpServer) {
        Dispatch.installHttp(sites, http);
      }
    }
    instrumenter.install(config.methods(), sites, context, httpClient, httpServer, attached);
    AgentLog.info("started " + Version.current() + " for service " + config.service() + " with "
        + config.source() + " (" + config.methods().size() + " method rules) in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }
}
