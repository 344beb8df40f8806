package io.kitagent.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kitagent.config.AdminSettings;
import io.kitagent.config.AgentConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import io.kitagent.core.AgentWork;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's HTTP endpoint, on the JDK's own server and one daemon thread: {@code GET /metrics}
 * (Prometheus text, or OpenMetrics when the scraper asks for it), {@code GET /health} (JSON, 200
 * when up, 503 when down, an entry per component) and {@code GET /agent/config} (the effective config
 * as JSON, the token masked, as {@code check} prints it). With a token, every request must carry {@code Authorization: Bearer <token>}.
 */
public final class AdminServer implements AutoCloseable {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry prometheus;
  private final Health health;
  private final Views views;
  private final AgentConfig config;
  private final byte[] token;
  private final ObjectMapper json = new ObjectMapper();

  private AdminServer(HttpServer server, PrometheusMeterRegistry prometheus, Health health, Views views,
      AgentConfig config, String token) {
    this.server = server;
    this.prometheus = prometheus;
    this.health = health;
    this.views = views;
    this.config = config;
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.executor = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(() -> {
        AgentWork.markThread(); // scrapes of the agent are not the application's requests
        task.run();
      }, "kit-agent-admin");
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /**
   * Binds and starts the endpoint; throws when the address cannot be bound (the caller reports it,
   * the application goes on). {@code prometheus} is null when Prometheus output is off.
   */
  public static AdminServer start(AdminSettings settings, PrometheusMeterRegistry prometheus, Health health,
      Views views, AgentConfig config) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
    AdminServer admin = new AdminServer(server, prometheus, health, views, config, settings.token());
    server.start();
    return admin;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"kit-agent\"");
        respond(exchange, 401, "text/plain; charset=utf-8", "unauthorized\n");
        return;
      }
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/metrics" -> metrics(exchange);
        case "/health" -> health(exchange);
        case "/agent/config" -> respond(exchange, 200, "application/json",
            json.writeValueAsString(config.describe()) + "\n");
        default -> view(exchange, exchange.getRequestURI().getPath());
      }
    } catch (RuntimeException e) {
      respond(exchange, 500, "text/plain; charset=utf-8", "kit-agent admin error: " + e + "\n");
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (prometheus == null) {
      respond(exchange, 404, "text/plain; charset=utf-8", "metrics.prometheus is false\n");
      return;
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    respond(exchange, 200, type, prometheus.scrape(type));
  }

  /** {@code /agent/breakers} and the like: a policy word's state, as JSON. */
  private void view(HttpExchange exchange, String path) throws IOException {
    Object view = path.startsWith("/agent/") ? views.get(path.substring("/agent/".length())) : null;
    if (view == null) {
      respond(exchange, 404, "text/plain; charset=utf-8", "not found: try /metrics, /health, /agent/config, "
          + "/agent/breakers, /agent/limiters, /agent/bulkheads or /agent/discovery\n");
      return;
    }
    respond(exchange, 200, "application/json", json.writeValueAsString(view) + "\n");
  }

  private void health(HttpExchange exchange) throws IOException {
    Map<String, Object> report = health.report();
    int status = "UP".equals(report.get("status")) ? 200 : 503;
    respond(exchange, status, "application/json", json.writeValueAsString(report) + "\n");
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
  private boolean authorized(HttpExchange exchange) {
    if (token == null) {
      return true;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
