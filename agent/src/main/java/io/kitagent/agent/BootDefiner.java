package io.kitagent.agent;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines classes in the boot class loader through {@code jdk.internal.misc.Unsafe}. Never loaded by
 * the agent's own loader: {@link BootstrapJar} loads it into a private class loader whose unnamed
 * module alone is granted access to {@code jdk.internal.misc}, so the application gains nothing.
 */
public final class BootDefiner {

  private BootDefiner() {}

  public static Class<?> define(String name, byte[] bytes) throws ReflectiveOperationException {
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
        ClassLoader.class, ProtectionDomain.class);
    return (Class<?>) define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
  }
}
