package com.example.tomcat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Orders at {@code /orders/*}; one servlet instance serves every request, so the store is thread-safe. */
public class OrdersServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (id(request) != null) {
      answer(response, 405, "{\"error\":\"method not allowed\"}");
      return;
    }
    String delay = request.getParameter("delayMs");
    if (delay != null) {
      try {
        Thread.sleep(Long.parseLong(delay));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer(response, 503, "{\"error\":\"interrupted\"}");
        return;
      }
    }
    if (Boolean.parseBoolean(request.getParameter("fail"))) {
      answer(response, 500, "{\"error\":\"payment declined\"}");
      return;
    }
    String item = request.getParameter("item") == null ? "book" : request.getParameter("item");
    String id = String.valueOf(ids.incrementAndGet());
    String json = "{\"id\":\"" + id + "\",\"item\":\"" + item.replace("\\", "").replace("\"", "'") + "\"}";
    orders.put(id, json);
    answer(response, 201, json);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = id(request);
    if (id == null) {
      answer(response, 200, "{\"count\":" + orders.size() + "}");
      return;
    }
    String json = orders.get(id);
    answer(response, json == null ? 404 : 200, json == null ? "{\"error\":\"not found\"}" : json);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = id(request);
    if (id != null && orders.remove(id) != null) {
      answer(response, 204, null);
    } else {
      answer(response, 404, "{\"error\":\"not found\"}");
    }
  }

  /** The id after {@code /orders/}, or null for {@code /orders} itself. */
  private static String id(HttpServletRequest request) {
    String path = request.getPathInfo();
    return path == null || path.equals("/") ? null : path.substring(1);
  }

  private void answer(HttpServletResponse response, int status, String json) throws IOException {
    response.setStatus(status);
    response.setHeader("X-Order-Count", String.valueOf(orders.size()));
    response.setContentType("application/json");
    if (json != null) {
      response.getWriter().write(json);
    }
  }
}
