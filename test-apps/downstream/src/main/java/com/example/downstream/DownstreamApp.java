package com.example.downstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A downstream service whose behaviour a test steers over a second, control port:
 *
 * <pre>
 * GET /mode?set=ok                      answer 200 "ok from NAME"
 * GET /mode?set=fail&amp;status=500         answer that status
 * GET /mode?set=fail&amp;status=503&amp;times=1 answer that status to the next request only, then 200
 * GET /mode?set=slow&amp;delay=300          answer 200 after that many milliseconds
 * GET /mode?set=refuse                  close the service port: connections are refused
 * GET /count                            how many requests the service port has received
 * </pre>
 *
 * Any mode but {@code refuse} opens the service port again, on the same port. Prints
 * {@code downstream listening on port N}, then {@code control listening on port M}. {@code PORT} and
 * {@code CONTROL_PORT} choose them (0 or unset: free ones), {@code NAME} names the instance.
 */
public final class DownstreamApp {

  private static final AtomicLong served = new AtomicLong();
  private static volatile String mode = "ok";
  private static volatile int status = 500;
  private static volatile long delayMillis;
  /** Failed answers left before the mode goes back to ok; -1: no end. */
  private static final AtomicLong failuresLeft = new AtomicLong(-1);
  private static HttpServer service;
  private static int port;
  private static String name;

  private DownstreamApp() {}

  public static void main(String[] args) throws IOException {
    // answers at once: with Nagle's algorithm against delayed ACKs the JDK server stalls ~40 ms a request
    System.setProperty("sun.net.httpserver.nodelay", "true");
    name = System.getenv().getOrDefault("NAME", "downstream");
    port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
    openService();
    System.out.println("downstream listening on port " + port);
    HttpServer control = HttpServer.create(
        new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv().getOrDefault("CONTROL_PORT", "0"))), 0);
    control.createContext("/mode", DownstreamApp::setMode);
    control.createContext("/count", exchange -> respond(exchange, 200, served.get() + "\n"));
    control.start();
    System.out.println("control listening on port " + control.getAddress().getPort());
  }

  private static synchronized void openService() throws IOException {
    if (service != null) {
      return;
    }
    service = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    service.createContext("/", DownstreamApp::serve);
    service.setExecutor(Executors.newFixedThreadPool(16));
    service.start();
    port = service.getAddress().getPort();
  }

  private static synchronized void closeService() {
    if (service != null) {
      service.stop(0);
      service = null;
    }
  }

  private static void serve(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    served.incrementAndGet(); // before the answer: a client that has its answer finds its request counted
    String now = mode;
    try {
      if (now.equals("fail") && failuresLeft.getAndUpdate(left -> left > 0 ? left - 1 : left) != 0) {
        respond(exchange, status, name + " fails\n");
      } else {
        if (now.equals("slow")) {
          Thread.sleep(delayMillis);
        }
        respond(exchange, 200, "ok from " + name + "\n");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void setMode(HttpExchange exchange) throws IOException {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    String set = query.getOrDefault("set", "");
    switch (set) {
      case "ok", "fail", "slow" -> {
        status = Integer.parseInt(query.getOrDefault("status", "500"));
        delayMillis = Long.parseLong(query.getOrDefault("delay", "0"));
        failuresLeft.set(Long.parseLong(query.getOrDefault("times", "-1")));
        mode = set;
        openService();
      }
      case "refuse" -> closeService();
      default -> {
        respond(exchange, 400, "set=ok|fail|slow|refuse\n");
        return;
      }
    }
    respond(exchange, 200, "mode " + set + "\n");
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
