package io.kitagent.http;

import io.kitagent.logging.AgentLog;
import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a {@code jakarta.servlet.AsyncEvent} by reflection, through the Servlet API's public types
 * (the agent cannot name them: only the application's class loader sees them). Runs once per
 * asynchronous request, when it completes.
 */
final class AsyncEvents {

  private static final int MAX_WRAPPERS = 16;
  private static final AtomicBoolean LISTEN_AGAIN_FAILED = new AtomicBoolean();

  private AsyncEvents() {}

  /**
   * The status of the event's response, or -1. The application may have supplied a plain
   * {@code ServletResponseWrapper}, which has no status: the wrapped responses are looked through.
   */
  static int status(Object event) {
    try {
      Object response = call(event, "jakarta.servlet.AsyncEvent", "getSuppliedResponse");
      Class<?> http = type(event, "jakarta.servlet.http.HttpServletResponse");
      Class<?> wrapper = type(event, "jakarta.servlet.ServletResponseWrapper");
      for (int depth = 0; response != null && !http.isInstance(response) && wrapper.isInstance(response)
          && depth < MAX_WRAPPERS; depth++) {
        response = wrapper.getMethod("getResponse").invoke(response);
      }
      Object status = http.isInstance(response) ? http.getMethod("getStatus").invoke(response) : null;
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
      if (LISTEN_AGAIN_FAILED.compareAndSet(false, true)) {
        AgentLog.warn("cannot follow an asynchronous request restarted with startAsync, it is not "
            + "recorded (reported once): " + e);
      }
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
