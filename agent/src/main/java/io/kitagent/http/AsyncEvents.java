package io.kitagent.http;

import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;

/**
 * Reads a {@code jakarta.servlet.AsyncEvent} by reflection, through the Servlet API's public types
 * (the agent cannot name them: only the application's class loader sees them). Runs once per
 * asynchronous request, when it completes.
 */
final class AsyncEvents {

  private AsyncEvents() {}

  /** The status of the event's response, or -1. */
  static int status(Object event) {
    try {
      Object response = call(event, "jakarta.servlet.AsyncEvent", "getSuppliedResponse");
      Object status = call(response, "jakarta.servlet.http.HttpServletResponse", "getStatus");
      return status instanceof Integer code ? code : -1;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  /** The error of {@code onError}, or a {@link TimeoutException} for {@code onTimeout}. */
  static Throwable error(Object event, String listenerMethod) {
    if (listenerMethod.equals("onTimeout")) {
      return new TimeoutException("asynchronous request timed out");
    }
    try {
      Object error = call(event, "jakarta.servlet.AsyncEvent", "getThrowable");
      return error instanceof Throwable t ? t : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** A new {@code startAsync} drops the listeners unless they add themselves again. */
  static void listenAgain(Object event, Object listener) {
    try {
      Object context = call(event, "jakarta.servlet.AsyncEvent", "getAsyncContext");
      Class<?> contextType = type(context, "jakarta.servlet.AsyncContext");
      Class<?> listenerType = type(context, "jakarta.servlet.AsyncListener");
      contextType.getMethod("addListener", listenerType).invoke(context, listener);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the request is then not recorded
    }
  }

  private static Object call(Object target, String typeName, String methodName)
      throws ReflectiveOperationException {
    Method method = type(target, typeName).getMethod(methodName);
    return method.invoke(target);
  }

  /** The API type as the target's own class loader sees it. */
  private static Class<?> type(Object target, String typeName) throws ClassNotFoundException {
    return Class.forName(typeName, false, target.getClass().getClassLoader());
  }
}
