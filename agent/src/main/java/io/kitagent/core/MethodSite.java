package io.kitagent.core;

import java.lang.ref.WeakReference;

/**
 * A woven method, as the policies of its chain see it: its class and name, its parameter names
 * ({@code arg0, arg1, ...} unless compiled with {@code -parameters}: {@code namesKnown}), its return
 * type ({@code void}, a primitive, or a binary type name) and, for a bean conversion, that type with
 * its type arguments ({@code java.util.List<com.example.Item>}), and the class loader of its class (held
 * weakly, so that a web application can still be unloaded), where an {@code onReject} exception class
 * or return type is looked up.
 */
public record MethodSite(String className, String methodName, String[] parameterNames, boolean namesKnown,
    String returnType, String genericReturnType, WeakReference<ClassLoader> loader) {

  public MethodSite {
    parameterNames = parameterNames.clone();
  }

  public MethodSite(String className, String methodName, String[] parameterNames, boolean namesKnown,
      String returnType) {
    this(className, methodName, parameterNames, namesKnown, returnType, returnType, new WeakReference<>(null));
  }

  public String name() {
    return className + "#" + methodName;
  }

  public boolean returnsValue() {
    return !returnType.equals("void");
  }

  @Override
  public String[] parameterNames() {
    return parameterNames.clone();
  }

  /** The class loader of the woven class, or null (the boot loader, or unloaded). */
  public ClassLoader classLoader() {
    return loader.get();
  }
}
