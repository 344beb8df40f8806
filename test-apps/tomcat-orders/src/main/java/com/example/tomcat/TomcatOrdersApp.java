package com.example.tomcat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A small orders service on embedded Tomcat 10.1 (Servlet 6.0), under the context path {@code /shop}.
 *
 * <pre>
 * POST   /shop/orders?item=book&amp;fail=true&amp;delayMs=200
 * GET    /shop/orders/{id}
 * any    /shop/orders...?block=true   (403 from a filter; the servlet does not run)
 * GET    /shop/orders
 * DELETE /shop/orders/{id}
 * GET    /shop/health
 * GET    /shop/boom      (throws; Tomcat answers 500)
 * GET    /shop/report?delayMs=300   (asynchronous: 202 from another thread after the delay)
 * </pre>
 *
 * Listens on 127.0.0.1 and the port in {@code PORT} (0 or unset: a free one) and prints
 * {@code tomcat-orders listening on port N} once started.
 */
public final class TomcatOrdersApp {

  /** Held, so that java.util.logging keeps the level (it references loggers weakly). */
  private static final Logger APACHE = Logger.getLogger("org.apache");

  private TomcatOrdersApp() {}

  public static void main(String[] args) throws Exception {
    APACHE.setLevel(Level.WARNING);
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
    Path base = Files.createTempDirectory("tomcat-orders");

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setPort(port);
    Connector connector = tomcat.getConnector(); // creates the default HTTP/1.1 connector
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(port);

    Context context = tomcat.addContext("/shop", base.toString());
    Tomcat.addServlet(context, "orders", new OrdersServlet());
    context.addServletMappingDecoded("/orders/*", "orders");
    Tomcat.addServlet(context, "health", new HealthServlet());
    context.addServletMappingDecoded("/health", "health");
    Tomcat.addServlet(context, "boom", new BoomServlet());
    context.addServletMappingDecoded("/boom", "boom");
    Wrapper report = Tomcat.addServlet(context, "report", new AsyncReportServlet());
    report.setAsyncSupported(true);
    context.addServletMappingDecoded("/report", "report");

    FilterDef block = new FilterDef();
    block.setFilterName("block");
    block.setFilter(new BlockFilter());
    context.addFilterDef(block);
    FilterMap blockMap = new FilterMap();
    blockMap.setFilterName("block");
    blockMap.addURLPatternDecoded("/orders/*");
    blockMap.setDispatcher("REQUEST");
    context.addFilterMap(blockMap);

    tomcat.start();
    System.out.println("tomcat-orders listening on port " + connector.getLocalPort());
    tomcat.getServer().await();
  }
}
