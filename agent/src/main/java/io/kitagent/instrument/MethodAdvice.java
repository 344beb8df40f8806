package io.kitagent.instrument;

import io.kitagent.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * The code inlined around every woven service method. Two variants, so that a method whose policy
 * needs neither arguments nor result pays for no argument array and no boxing.
 */
final class MethodAdvice {

  private MethodAdvice() {}

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
        @Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable error) {
      Dispatch.exit(site, start, args, result, error);
    }
  }
}
