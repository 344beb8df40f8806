package io.kitagent.weave.methods;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Checks an {@code onReject} exception class when a method is woven, from class files read through
 * the woven class's loader: nothing is loaded, so weaving cannot set off class loading of its own.
 */
final class ExceptionClasses {

  private final ClassLoader loader;
  private final String wovenClass;
  private TypePool pool;

  ExceptionClasses(ClassLoader loader, String wovenClass) {
    this.loader = loader;
    this.wovenClass = wovenClass;
  }

  /** Null when {@code name} is a concrete Throwable with a public (String) or () constructor; else why not. */
  String problem(String name) {
    try {
      if (pool == null) {
        pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
      }
      TypePool.Resolution resolution = pool.describe(name);
      if (!resolution.isResolved()) {
        return "class " + name + " does not exist (looked up from the class loader of " + wovenClass + ")";
      }
      TypeDescription type = resolution.resolve();
      if (!type.isAssignableTo(Throwable.class)) {
        return name + " is not an exception (not a Throwable)";
      }
      if (type.isAbstract() || type.isInterface()) {
        return name + " is abstract and cannot be thrown";
      }
      boolean constructible = !type.getDeclaredMethods()
          .filter(isConstructor().and(isPublic()).and(takesArguments(String.class).or(takesNoArguments())))
          .isEmpty();
      return constructible ? null : name + " has no public constructor taking a String or nothing";
    } catch (RuntimeException | LinkageError e) {
      return "cannot read class " + name + ": " + e;
    }
  }
}
