package io.kitagent.it;

/**
 * The Servlet suite on tomcat-orders (embedded Tomcat 10.1). The filter's answer is recorded through
 * the woven {@code ApplicationFilterChain.doFilter}, before {@code HttpServlet.service} would run.
 */
class TomcatServerTest extends AbstractServletServerTest {

  @Override
  String app() {
    return "tomcat-orders";
  }
}
