package io.kitagent.core;

import java.util.List;

/**
 * Exception classes named in the config ({@code recordExceptions}, {@code retryExceptions}), matched
 * by name up the thrown exception's class hierarchy: they are the application's classes, never
 * loaded by the agent.
 */
public final class ExceptionNames {

  private ExceptionNames() {}

  /** Whether the error's class, or one of its superclasses, is one of {@code names}. */
  public static boolean matches(Throwable error, List<String> names) {
    if (error == null || names.isEmpty()) {
      return false;
    }
    for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
      if (names.contains(type.getName())) {
        return true;
      }
    }
    return false;
  }
}
