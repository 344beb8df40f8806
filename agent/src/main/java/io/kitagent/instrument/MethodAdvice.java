package io.kitagent.instrument;

import io.kitagent.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.pool.TypePool;

/**
 * The code inlined around every woven service method. Two variants, so that a method whose policy
 * needs neither arguments nor result pays for no argument array and no boxing.
 */
final class MethodAdvice {

  static final String PLAIN = "io.kitagent.instrument.MethodAdvice$Plain";
  static final String WITH_VALUES = "io.kitagent.instrument.MethodAdvice$WithValues";

  /**
   * Advice classes are described from their class files and never loaded: describing a loaded class
   * makes Byte Buddy read it reflectively, which costs hundreds of classes at start-up.
   */
  private static final ClassFileLocator LOCATOR =
      ClassFileLocator.ForClassLoader.of(MethodAdvice.class.getClassLoader());
  private static final TypePool POOL = TypePool.Default.of(LOCATOR);

  private MethodAdvice() {}

  /** The named advice, with each woven method's site id supplied by {@code siteId}. */
  static Advice bind(String advice, Advice.OffsetMapping siteId) {
    return Advice.withCustomMapping().bind(SiteId.class, siteId).to(POOL.describe(advice).resolve(), LOCATOR);
  }

  static final class Plain {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@SiteId int site) {
      return Dispatch.enter(site);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site, @Advice.Enter long start, @Advice.Thrown Throwable error) {
      Dispatch.exit(site, start, error);
    }
  }

  static final class WithValues {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@SiteId int site) {
      return Dispatch.enter(site);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site, @Advice.Enter long start, @Advice.AllArguments Object[] args,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result, @Advice.Thrown Throwable error) {
      Dispatch.exit(site, start, args, result, error);
    }
  }
}
