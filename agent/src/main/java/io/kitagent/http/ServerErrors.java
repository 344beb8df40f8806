package io.kitagent.http;

import java.lang.reflect.Method;

/**
 * The status a container answers for a handler's exception that escaped before any answer: the
 * exception's own HTTP code where it carries one (Jetty's {@code BadMessageException} and other
 * {@code HttpException}s: {@code getCode()}), 503 for {@code UnavailableException}, else 500. Looks
 * through {@code ServletException} wrappers. Runs on failures only.
 */
final class ServerErrors {

  private static final int MAX_DEPTH = 8;

  private ServerErrors() {}

  static int status(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      String name = current.getClass().getName();
      if (name.equals("jakarta.servlet.UnavailableException")) {
        return 503;
      }
      int code = code(current);
      if (code >= 400 && code < 600) {
        return code;
      }
      if (!name.equals("jakarta.servlet.ServletException") || current.getCause() == current) {
        break;
      }
      current = current.getCause();
    }
    return 500;
  }

  private static int code(Throwable error) {
    try {
      Method getCode = error.getClass().getMethod("getCode");
      return getCode.getReturnType() == int.class ? (int) getCode.invoke(error) : -1;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }
}
