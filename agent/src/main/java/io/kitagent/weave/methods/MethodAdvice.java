package io.kitagent.weave.methods;

import io.kitagent.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.pool.TypePool;

/**
 * The code inlined around every woven service method, in four shapes: with or without the arguments
 * and result (so that a method whose policies need neither pays for no argument array and no boxing),
 * and plain, guarded or retrying. A guarded method's chain may refuse a call: then its body is skipped
 * and the exit returns the refusal's value or throws its exception ({@code onReject}). A retrying one
 * is guarded, and its exit may also run the body again (Byte Buddy's {@code repeatOn}) when an
 * attempt threw and the retry policy asks for another.
 */
final class MethodAdvice {

  static final String PLAIN = "io.kitagent.weave.methods.MethodAdvice$Plain";
  static final String WITH_VALUES = "io.kitagent.weave.methods.MethodAdvice$WithValues";
  static final String GUARDED = "io.kitagent.weave.methods.MethodAdvice$Guarded";
  static final String GUARDED_WITH_VALUES = "io.kitagent.weave.methods.MethodAdvice$GuardedWithValues";
  static final String RETRYING = "io.kitagent.weave.methods.MethodAdvice$Retrying";
  static final String RETRYING_WITH_VALUES = "io.kitagent.weave.methods.MethodAdvice$RetryingWithValues";

  /**
   * Advice classes are described from their class files and never loaded: describing a loaded class
   * makes Byte Buddy read it reflectively, which costs hundreds of classes at start-up.
   */
  private static final ClassFileLocator LOCATOR =
      ClassFileLocator.ForClassLoader.of(MethodAdvice.class.getClassLoader());
  private static final TypePool POOL = TypePool.Default.of(LOCATOR);

  private MethodAdvice() {}

  /**
   * The advice for a chain that may refuse ({@code guarded}), runs the body again on failure
   * ({@code retrying}, always guarded: a later attempt may be refused) and reads values ({@code values}).
   */
  static String shape(boolean guarded, boolean retrying, boolean values) {
    if (retrying) {
      return values ? RETRYING_WITH_VALUES : RETRYING;
    }
    return guarded ? (values ? GUARDED_WITH_VALUES : GUARDED) : (values ? WITH_VALUES : PLAIN);
  }

  /** The named advice, with each woven method's site id supplied by {@code siteId}. */
  static Advice bind(String advice, Advice.OffsetMapping siteId) {
    return Advice.withCustomMapping().bind(SiteId.class, siteId).to(POOL.describe(advice).resolve(), LOCATOR);
  }

  static final class Plain {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@SiteId int site) {
      return Dispatch.enter(site);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site, @Advice.Enter Object call, @Advice.Thrown Throwable error) {
      Dispatch.exit(site, call, error);
    }
  }

  static final class WithValues {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@SiteId int site) {
      return Dispatch.enter(site);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site, @Advice.Enter Object call, @Advice.AllArguments Object[] args,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result, @Advice.Thrown Throwable error) {
      Dispatch.exit(site, call, args, result, error);
    }
  }

  static final class Guarded {
    /** True (skip the body) when the chain refused the call. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@SiteId int site, @Advice.Local("kitCall") Object call) {
      call = Dispatch.enter(site);
      return Dispatch.refused(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site, @Advice.Local("kitCall") Object call,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown(readOnly = false) Throwable error) {
      if (Dispatch.refused(call)) {
        error = Dispatch.refusalError(site, call);
        if (error == null) {
          result = Dispatch.refusalValue(site, call);
        }
      }
      Dispatch.exit(site, call, error);
    }
  }

  static final class GuardedWithValues {
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@SiteId int site, @Advice.Local("kitCall") Object call) {
      call = Dispatch.enter(site);
      return Dispatch.refused(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site, @Advice.Local("kitCall") Object call, @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown(readOnly = false) Throwable error) {
      if (Dispatch.refused(call)) {
        error = Dispatch.refusalError(site, call);
        if (error == null) {
          result = Dispatch.refusalValue(site, call);
        }
      }
      Dispatch.exit(site, call, args, result, error);
    }
  }

  static final class Retrying {
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@SiteId int site, @Advice.Local("kitCall") Object call) {
      call = Dispatch.enter(site);
      return Dispatch.refused(call);
    }

    /** True: run the body again, the next attempt already admitted. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
        repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@SiteId int site, @Advice.Local("kitCall") Object call,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown(readOnly = false) Throwable error) {
      if (!Dispatch.refused(call) && Dispatch.retry(site, call, null, error)) {
        return true;
      }
      if (Dispatch.refused(call)) {
        error = Dispatch.refusalError(site, call);
        if (error == null) {
          result = Dispatch.refusalValue(site, call);
        }
      }
      Dispatch.exit(site, call, error);
      return false;
    }
  }

  static final class RetryingWithValues {
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@SiteId int site, @Advice.Local("kitCall") Object call) {
      call = Dispatch.enter(site);
      return Dispatch.refused(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
        repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@SiteId int site, @Advice.Local("kitCall") Object call, @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown(readOnly = false) Throwable error) {
      if (!Dispatch.refused(call) && Dispatch.retry(site, call, args, error)) {
        return true;
      }
      if (Dispatch.refused(call)) {
        error = Dispatch.refusalError(site, call);
        if (error == null) {
          result = Dispatch.refusalValue(site, call);
        }
      }
      Dispatch.exit(site, call, args, result, error);
      return false;
    }
  }
}
