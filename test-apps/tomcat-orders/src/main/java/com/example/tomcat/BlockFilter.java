package com.example.tomcat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code ?block=true} is answered 403 by this filter, before any servlet runs, as a security filter would. */
final class BlockFilter extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("true".equals(request.getParameter("block"))) {
      response.sendError(403);
      return;
    }
    chain.doFilter(request, response);
  }
}
