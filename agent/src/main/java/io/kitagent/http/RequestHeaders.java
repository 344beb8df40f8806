package io.kitagent.http;

import com.sun.net.httpserver.HttpExchange;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A header (or the client's address) of an incoming request, read from the server's request object: the JDK server's directly,
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

  private static final ClassValue<Optional<Method>> SERVLET_REMOTE_ADDR = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> requestClass) {
      try {
        return Optional.of(Class.forName("jakarta.servlet.ServletRequest", false,
            requestClass.getClassLoader()).getMethod("getRemoteAddr"));
      } catch (ReflectiveOperationException | LinkageError e) {
        return Optional.empty();
      }
    }
  };

  private RequestHeaders() {}

  /** The client's IP address as text, or null. */
  static String remoteAddress(int library, Object request) {
    AgentThread own = AgentWork.begin();
    try {
      if (library == HttpCalls.JDK_HTTP_SERVER && request instanceof HttpExchange exchange) {
        java.net.InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
      }
      if (library == HttpCalls.SERVLET) {
        Optional<Method> getRemoteAddr = SERVLET_REMOTE_ADDR.get(request.getClass());
        return getRemoteAddr.isEmpty() ? null : (String) getRemoteAddr.get().invoke(request);
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    } finally {
      AgentWork.end(own);
    }
  }

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
