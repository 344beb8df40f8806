package com.example.orders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A small orders service on the JDK HTTP server.
 *
 * <pre>
 * POST /orders?item=book&amp;quantity=2&amp;card=4111-1111&amp;fail=true&amp;delayMs=200
 * GET  /orders/{id}
 * GET  /orders[?item=book]
 * DELETE /orders/{id}
 * </pre>
 *
 * Listens on 127.0.0.1 and the port in {@code PORT} (0 or unset: a free one) and prints
 * {@code orders listening on port N} once it answers.
 */
public final class OrdersApp {

  private OrdersApp() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
    OrderService service = new OrderService(new PriceCalculator(), new InMemoryInventory());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/orders", exchange -> handle(service, exchange));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("orders listening on port " + server.getAddress().getPort());
  }

  private static void handle(OrderService service, HttpExchange exchange) throws IOException {
    try {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String path = exchange.getRequestURI().getPath();
      String id = path.startsWith("/orders/") ? path.substring("/orders/".length()) : "";
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && id.isEmpty()) {
        Order order = service.placeOrder(query.getOrDefault("item", "book"),
            Integer.parseInt(query.getOrDefault("quantity", "1")), query.getOrDefault("card", ""),
            new Behaviour(Boolean.parseBoolean(query.get("fail")),
                Long.parseLong(query.getOrDefault("delayMs", "0"))));
        respond(exchange, 201, order.toJson());
      } else if (method.equals("GET") && id.isEmpty()) {
        int count = query.containsKey("item") ? service.countOrders(query.get("item")) : service.countOrders();
        respond(exchange, 200, "{\"count\":" + count + "}");
      } else if (method.equals("GET")) {
        Order order = service.findOrder(id);
        respond(exchange, order == null ? 404 : 200, order == null ? "{\"error\":\"not found\"}" : order.toJson());
      } else if (method.equals("DELETE")) {
        respond(exchange, service.cancelOrder(id) ? 204 : 404, "");
      } else {
        respond(exchange, 405, "{\"error\":\"method not allowed\"}");
      }
    } catch (OrderFailedException | IllegalArgumentException e) {
      respond(exchange, 500, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 503, "{\"error\":\"interrupted\"}");
    }
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
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (status != 204) {
        out.write(bytes);
      }
    }
  }
}
