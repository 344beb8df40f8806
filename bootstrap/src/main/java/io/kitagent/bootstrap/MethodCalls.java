package io.kitagent.bootstrap;

/**
 * What the agent does around a woven method call, addressed by call-site id. Implementations must not
 * throw and must not block.
 */
public interface MethodCalls {

  MethodCalls NONE = new MethodCalls() {
    @Override
    public long enter(int site) {
      return 0L;
    }

    @Override
    public void exit(int site, long start, Throwable error) {}

    @Override
    public void exit(int site, long start, Object[] args, Object result, Throwable error) {}
  };

  /** Called before the method body; the returned value is handed back to {@code exit}. */
  long enter(int site);

  /** Called after the method returned or threw, for sites that need neither arguments nor result. */
  void exit(int site, long start, Throwable error);

  /** Called after the method returned or threw, for sites that log arguments or the result. */
  void exit(int site, long start, Object[] args, Object result, Throwable error);
}
