package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.bootstrap.HttpServerCall;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Jakarta Servlet 5 and 6: the container calls {@code HttpServlet.service(ServletRequest,
 * ServletResponse)} of the servlet a request is mapped to; the route is the context path and that
 * servlet mapping ({@code /shop/orders/*}). Forwards, includes, error pages and async dispatches are
 * part of the request. An asynchronous request ({@code startAsync}) is recorded when it completes,
 * through a listener (see {@link io.kitagent.bootstrap.HttpServerCall}). A refused request is answered
 * here with the refusal's status, headers and body, and no filter or servlet runs.
 */
final class ServletInstrumentation {

  /**
   * {@code HttpServlet.service}, and the filter chains of Jetty 12 and Tomcat 10+, so that the
   * filters' time and a filter's own answer (a 401 before any servlet runs) are part of the request:
   * the outermost call of a thread records it, the servlet's {@code service} inside is nested. All
   * take (request, response).
   */
  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(
      instrumentation("jakarta.servlet.http.HttpServlet", "service"),
      instrumentation("org.eclipse.jetty.ee10.servlet.ServletHandler$Chain", "doFilter"),
      instrumentation("org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd", "doFilter"),
      instrumentation("org.apache.catalina.core.ApplicationFilterChain", "doFilter"));

  private static HttpInstrumentation instrumentation(String type, String method) {
    return new HttpInstrumentation("servlet", false, type,
        named(method).and(takesArguments(2)).and(takesArgument(0, named("jakarta.servlet.ServletRequest"))),
        ServletInstrumentation.class.getName() + "$ServiceAdvice");
  }

  private ServletInstrumentation() {}

  static final class ServiceAdvice {
    /** Skips the chain or servlet (returns true) when a policy refused the request and it was answered here. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) ServletRequest servletRequest,
        @Advice.Argument(1) ServletResponse servletResponse, @Advice.Local("call") HttpServerCall call)
        throws Exception {
      if (Dispatch.httpServerActive()
          || !(servletRequest instanceof HttpServletRequest)
          || !(servletResponse instanceof HttpServletResponse)) {
        return false;
      }
      HttpServletRequest request = (HttpServletRequest) servletRequest;
      // An error page, an async dispatch, or a chain run on another thread after startAsync belongs
      // to the request already recorded.
      if (request.getDispatcherType() != DispatcherType.REQUEST || request.isAsyncStarted()) {
        return false;
      }
      HttpServletMapping mapping = request.getHttpServletMapping();
      String pattern = mapping == null ? "" : mapping.getPattern();
      call = Dispatch.httpServerStart(HttpCalls.SERVLET, request.getMethod(), request.getRequestURI(),
          request.getQueryString(), request.getContextPath().concat(pattern), request);
      HttpRefusal refusal = call == null ? null : call.refusalAnswer();
      if (refusal == null) {
        return false;
      }
      try {
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        int status = refusal.status();
        response.setStatus(status);
        String[] headers = refusal.headers();
        for (int i = 0; i + 1 < headers.length; i += 2) {
          response.addHeader(headers[i], headers[i + 1]);
        }
        byte[] body = refusal.body();
        boolean withBody = body.length > 0 && status >= 200 && status != 204 && status != 304
            && !request.getMethod().equals("HEAD");
        response.setContentLength(withBody ? body.length : 0);
        if (withBody) {
          response.getOutputStream().write(body);
        }
        response.flushBuffer();
      } catch (Throwable t) {
        // answered as far as it went (the client left?); the servlet must not run either way
      }
      return true;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) ServletRequest request, @Advice.Argument(1) ServletResponse response,
        @Advice.Local("call") HttpServerCall call, @Advice.Thrown Throwable error) {
      if (call == null) {
        return;
      }
      try {
        if (request.isAsyncStarted()) {
          request.getAsyncContext().addListener((AsyncListener) Proxy.newProxyInstance(
              AsyncListener.class.getClassLoader(), new Class<?>[] {AsyncListener.class}, call));
          call.detach(error);
          return;
        }
      } catch (Throwable t) {
        // recorded now, as a request that ended here
      }
      int status = -1;
      try {
        // an exception before the answer was committed becomes the container's 500
        status = error != null && !response.isCommitted() ? -1 : ((HttpServletResponse) response).getStatus();
      } catch (Throwable t) {
        // recorded without a status
      }
      call.end(status, error);
    }
  }
}
