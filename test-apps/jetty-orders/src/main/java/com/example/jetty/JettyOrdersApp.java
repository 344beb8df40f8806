package com.example.jetty;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small orders service on embedded Jetty 12 (ee10 servlets), under the context path {@code /shop}.
 *
 * <pre>
 * POST   /shop/orders?item=book&amp;fail=true&amp;delayMs=200
 * GET    /shop/orders/{id}
 * any    /shop/orders...?block=true   (403 from a filter; the servlet does not run)
 * GET    /shop/orders
 * DELETE /shop/orders/{id}
 * GET    /shop/health
 * GET    /shop/boom      (throws; Jetty answers 500)
 * GET    /shop/report?delayMs=300   (asynchronous: 202 from another thread after the delay)
 * </pre>
 *
 * Listens on 127.0.0.1 and the port in {@code PORT} (0 or unset: a free one) and prints
 * {@code jetty-orders listening on port N} once started.
 */
public final class JettyOrdersApp {

  private JettyOrdersApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/shop");
    context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
    context.addFilter(new FilterHolder(new BlockFilter()), "/orders/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new HealthServlet()), "/health");
    context.addServlet(new ServletHolder(new BoomServlet()), "/boom");
    ServletHolder report = new ServletHolder(new AsyncReportServlet());
    report.setAsyncSupported(true);
    context.addServlet(report, "/report");
    server.setHandler(context);

    server.start();
    System.out.println("jetty-orders listening on port " + connector.getLocalPort());
    server.join();
  }
}
