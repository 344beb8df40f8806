package io.kitagent.weave.methods;

import io.kitagent.config.MethodRule;
import io.kitagent.config.MethodSelector;
import io.kitagent.logging.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JVM calls a transformer for every class it loads, thousands at start-up. This one answers from
 * the class name alone for all but the classes a rule may weave, and only hands those to Byte Buddy,
 * waiting for it to be ready if the first one comes early.
 */
final class CandidateFilter implements ClassFileTransformer {

  private static final long WAIT_SECONDS = io.kitagent.core.Context.WAIT_SECONDS;

  private final List<MethodRule> rules;
  private final CompletableFuture<ClassFileTransformer> weaver;
  private volatile boolean failed;

  CandidateFilter(List<MethodRule> rules, CompletableFuture<ClassFileTransformer> weaver) {
    this.rules = List.copyOf(rules);
    this.weaver = weaver;
  }

  /**
   * Whether some rule may weave a method of the class with this name, judged from the name alone:
   * {@code match} rules by their class pattern; {@code annotated} and {@code implements} rules need
   * the class file, so with one of those every application class is a candidate.
   */
  boolean mayWeave(String className) {
    if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
        || className.startsWith("com.sun.") || className.startsWith("io.kitagent.")) {
      return false;
    }
    for (MethodRule rule : rules) {
      if (!(rule.selector() instanceof MethodSelector.Match match)
          || match.pattern().matchesClass(className)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    if (loader == null || internalName == null || failed
        || !mayWeave(internalName.replace('/', '.'))) {
      return null;
    }
    ClassFileTransformer ready;
    try {
      ready = weaver.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failed = true;
      AgentLog.error("cannot set up method weaving, no method is woven: " + e.getCause());
      return null;
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      AgentLog.warn("method weaving was not ready after " + WAIT_SECONDS + " s; "
          + internalName.replace('/', '.') + " runs uninstrumented");
      return null;
    }
    try {
      return ready.transform(module, loader, internalName, redefined, domain, bytes);
    } catch (Throwable t) {
      AgentLog.warn("cannot instrument " + internalName.replace('/', '.') + ", it runs uninstrumented: " + t);
      return null;
    }
  }
}
