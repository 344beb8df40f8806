package io.kitagent.core;

/** Calls in a given state, for tests of policies without weaving. */
public final class Calls {

  private Calls() {}

  /** A method call that returned {@code result}, or threw {@code error}, after {@code nanos}. */
  public static MethodCall method(Object[] args, Object result, Throwable error, long nanos) {
    MethodCall call = new MethodCall(new MethodSite("com.example.Test", "call", new String[0], true, "java.lang.Object"),
        Chain.of("test", java.util.List.of()));
    if (error == null) {
      call.returned(args, result);
    } else {
      call.threw(args, error);
    }
    call.nanos = nanos;
    return call;
  }

  /** How many calls are on this thread's stack. */
  public static int depth() {
    return AgentThread.current().depth();
  }

  /** A method call before it runs. */
  public static MethodCall starting() {
    return new MethodCall(new MethodSite("com.example.Test", "call", new String[0], true, "java.lang.Object"),
        Chain.of("test", java.util.List.of()));
  }
}
