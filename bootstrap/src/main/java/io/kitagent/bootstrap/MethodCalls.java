package io.kitagent.bootstrap;

/**
 * What the agent does around a woven method call, addressed by call-site id. Implementations must not
 * throw and must not block (beyond what a policy is configured to do, such as an injected delay).
 */
public interface MethodCalls {

  MethodCalls NONE = new MethodCalls() {
    @Override
    public Object enter(int site) {
      return null;
    }

    @Override
    public boolean refused(Object call) {
      return false;
    }

    @Override
    public Throwable refusalError(int site, Object call) {
      return null;
    }

    @Override
    public Object refusalValue(int site, Object call) {
      return null;
    }

    @Override
    public boolean retry(int site, Object call, Object[] args, Throwable error) {
      return false;
    }

    @Override
    public void exit(int site, Object call, Throwable error) {}

    @Override
    public void exit(int site, Object call, Object[] args, Object result, Throwable error) {}
  };

  /**
   * Called before the method body; the returned call is handed back to {@code exit}. Null when the
   * agent has nothing to do for this call.
   */
  Object enter(int site);

  /** Whether a policy refused {@code call}: the advice then skips the body and answers in its place. */
  boolean refused(Object call);

  /** What a refused call throws, or null when it returns {@link #refusalValue} instead. */
  Throwable refusalError(int site, Object call);

  /** What a refused call returns (boxed for a primitive; ignored for {@code void}). */
  Object refusalValue(int site, Object call);

  /**
   * Called when an attempt of a method with a retry threw: true when it is to run again, the next
   * attempt already let through by the policies inside the retry. False ends the call as usual: with
   * {@code error}, or with a refusal when a policy refused the next attempt (a breaker that opened).
   */
  boolean retry(int site, Object call, Object[] args, Throwable error);

  /** Called after the method returned or threw, for sites that need neither arguments nor result. */
  void exit(int site, Object call, Throwable error);

  /** Called after the method returned or threw, for sites that log arguments or the result. */
  void exit(int site, Object call, Object[] args, Object result, Throwable error);
}
