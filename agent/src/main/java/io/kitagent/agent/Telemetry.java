package io.kitagent.agent;

import io.kitagent.admin.AdminServer;
import io.kitagent.admin.Health;
import io.kitagent.admin.Views;
import io.kitagent.config.AdminSettings;
import io.kitagent.config.AgentConfig;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import io.kitagent.metrics.Meters;
import java.util.concurrent.CompletableFuture;

/**
 * Starts the meters, the admin endpoint and the JVM meters on a daemon thread: Micrometer, the
 * Prometheus client and JMX cost hundreds of classes, which the application's start need not wait
 * for. Only a woven method with a metrics policy waits, for the registry alone.
 */
final class Telemetry implements AutoCloseable {

  private final CompletableFuture<Meters> meters = new CompletableFuture<>();
  private volatile AdminServer admin;

  private Telemetry() {}

  /** {@code background} false: set up on the caller (see {@code Instrumenter.prepare}). */
  static Telemetry start(AgentConfig config, EventLog log, Health health, Views views, boolean background) {
    Telemetry telemetry = new Telemetry();
    if (!background) {
      telemetry.run(config, log, health, views);
      return telemetry;
    }
    Thread thread = new Thread(() -> telemetry.run(config, log, health, views), "kit-agent-telemetry");
    thread.setDaemon(true);
    thread.start();
    return telemetry;
  }

  CompletableFuture<Meters> meters() {
    return meters;
  }

  private void run(AgentConfig config, EventLog log, Health health, Views views) {
    Meters created;
    try {
      created = Meters.create(config, log);
      meters.complete(created);
    } catch (Throwable t) {
      AgentLog.error("cannot set up metrics, none are recorded: " + t);
      meters.completeExceptionally(t);
      return;
    }
    AdminSettings settings = config.agent().admin();
    if (settings.enabled()) {
      try {
        admin = AdminServer.start(settings, created.prometheus(), health, views, config);
        AgentLog.info("admin endpoint on http://" + hostForUrl(settings.host()) + ":" + admin.port()
            + " (/metrics, /health, /agent/config)" + (settings.token() == null ? "" : ", bearer token required"));
      } catch (Exception e) {
        AgentLog.error("cannot start the admin endpoint on " + settings.address() + ": " + e
            + "; set agent.admin.address to a free port, or agent.admin.enabled to false");
      }
    }
    if (config.metrics().jvm()) {
      try {
        created.bindJvmMeters();
      } catch (Throwable t) {
        AgentLog.warn("cannot record JVM meters: " + t);
      }
    }
  }

  private static String hostForUrl(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    AdminServer server = admin;
    if (server != null) {
      server.close();
    }
    meters.thenAccept(Meters::close);
  }
}
