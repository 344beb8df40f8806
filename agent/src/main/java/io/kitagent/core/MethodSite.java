package io.kitagent.core;

/**
 * A woven method, as the policies of its chain see it: its class and name, its parameter names
 * ({@code arg0, arg1, ...} unless compiled with {@code -parameters}: {@code namesKnown}) and its return
 * type ({@code void}, a primitive or a type name).
 */
public record MethodSite(String className, String methodName, String[] parameterNames, boolean namesKnown,
    String returnType) {

  public MethodSite {
    parameterNames = parameterNames.clone();
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
}
