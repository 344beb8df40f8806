package io.kitagent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A proxy handler that passes every call to {@code target} except {@code close()}: it lets advice
 * hand a plain response object of a library (Apache HttpClient 4's {@code BasicHttpResponse}) to an
 * application that expects the closeable interface the library returns.
 */
public final class Delegating implements InvocationHandler {

  private final Object target;

  public Delegating(Object target) {
    this.target = target;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("close") && method.getParameterCount() == 0) {
      return null;
    }
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          break;
      }
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
