package com.example.tomcat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /shop/report?delayMs=300}: answers 202 asynchronously, from another thread, after the
 * delay, as a servlet that waits on a slow backend would.
 */
final class AsyncReportServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    long delay = Long.parseLong(request.getParameter("delayMs") == null ? "0" : request.getParameter("delayMs"));
    AsyncContext async = request.startAsync();
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
      try {
        HttpServletResponse answer = (HttpServletResponse) async.getResponse();
        answer.setStatus(202);
        answer.setContentType("application/json");
        answer.getWriter().write("{\"report\":\"queued\"}");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } finally {
        async.complete();
      }
    });
  }
}
