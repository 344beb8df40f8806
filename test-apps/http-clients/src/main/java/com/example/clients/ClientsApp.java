package com.example.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/**
 * A driver service: makes one outgoing HTTP request per call, with the client library asked for, so
 * tests can drive many requests through each library in one JVM.
 *
 * <pre>
 * GET /call?client=okhttp&amp;method=POST&amp;url=http%3A%2F%2F127.0.0.1%3A8080%2Forders&amp;body=text
 * GET /call?...&amp;method=PUT&amp;...    PUT the body as a stream, as a client sends an upload
 * GET /clients
 * </pre>
 *
 * Listens on 127.0.0.1 and the port in {@code PORT} (0 or unset: a free one) and prints
 * {@code clients listening on port N} once it answers.
 */
public final class ClientsApp {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

  private ClientsApp() {}

  public static void main(String[] args) throws IOException {
    // answers at once: with Nagle's algorithm against delayed ACKs the JDK server stalls ~40 ms a request
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
    Map<String, Client> clients = clients();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/call", exchange -> call(clients, exchange));
    server.createContext("/clients", exchange -> respond(exchange, 200, String.join("\n", clients.keySet()) + "\n"));
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    System.out.println("clients listening on port " + server.getAddress().getPort());
  }

  /** Each library's client built once, as a real application would, and shared by the sync and async styles. */
  private static Map<String, Client> clients() {
    HttpClient jdk = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    OkHttpClient okhttp = new OkHttpClient();
    Map<String, Client> clients = new LinkedHashMap<>();
    clients.put("jdk", new JdkSyncClient(jdk));
    clients.put("jdk-async", new JdkAsyncClient(jdk));
    clients.put("urlconnection", new UrlConnectionClient());
    clients.put("apache5", new Apache5Client());
    clients.put("apache4", new Apache4Client());
    clients.put("okhttp", new OkHttpSyncClient(okhttp));
    clients.put("okhttp-async", new OkHttpAsyncClient(okhttp));
    return clients;
  }

  private static void call(Map<String, Client> clients, HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Client client = clients.get(query.getOrDefault("client", ""));
    String method = query.getOrDefault("method", "GET");
    String url = query.get("url");
    if (client == null) {
      respond(exchange, 400, "unknown client: " + query.getOrDefault("client", "") + "\n");
      return;
    }
    if (!METHODS.contains(method) || url == null) {
      respond(exchange, 400, "need method=GET|POST|DELETE and url=<absolute URL>\n");
      return;
    }
    String report;
    try {
      report = client.send(method, URI.create(url), query.getOrDefault("body", "")).report();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report = Reply.errorReport(e);
    } catch (Exception e) {
      // Still a 200: the call was made, and its failure is the answer the test compares.
      report = Reply.errorReport(e);
    }
    respond(exchange, 200, report);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
