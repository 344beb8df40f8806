package io.kitagent.http;

import com.sun.net.httpserver.HttpExchange;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A header of an incoming request, read from the server's request object: the JDK server's directly,
 * a Servlet request through {@code HttpServletRequest.getHeader}, looked up from the request's own
 * class loader (only the application's loader sees the Servlet API), once per class.
 */
final class RequestHeaders {

  private static final ClassValue<Optional<Method>> SERVLET = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> requestClass) {
      try {
        return Optional.of(Class.forName("jakarta.servlet.http.HttpServletRequest", false,
            requestClass.getClassLoader()).getMethod("getHeader", String.class));
      } catch (ReflectiveOperationException | LinkageError e) {
        return Optional.empty();
      }
    }
  };

  private RequestHeaders() {}

  /** The header, read as the agent's own work: a request object may be the application's wrapper. */
  static String read(int library, Object request, String name) {
    AgentThread own = AgentWork.begin();
    try {
      if (library == HttpCalls.JDK_HTTP_SERVER && request instanceof HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst(name);
      }
      if (library == HttpCalls.SERVLET) {
        Optional<Method> getHeader = SERVLET.get(request.getClass());
        return getHeader.isEmpty() ? null : (String) getHeader.get().invoke(request, name);
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    } finally {
      AgentWork.end(own);
    }
  }
}
