package io.kitagent.core;

/**
 * One call of a woven method: the frame its chain works on. It is reused by the next call at the
 * same depth of the same thread once this one has ended.
 */
public final class MethodCall extends Frame {

  /** What a call whose exit was lost is recorded as having thrown: it was a stack overflow there. */
  static final StackOverflowError LOST_EXIT =
      new StackOverflowError("kit-agent: the end of this call was lost to a stack overflow");

  private MethodSite site;
  private Chain chain;
  private Object[] args;
  private Object answer;

  public MethodCall() {}

  /** A call that is not on a thread's stack: for a site with no before step, made only when needed. */
  public MethodCall(MethodSite site, Chain chain) {
    start(site, chain);
  }

  /**
   * Sets the frame up for a new call of {@code site}. A frame keeps its last site and chain (agent
   * objects, nothing of the application's): storing them again is skipped, since each store into an
   * old object costs a write barrier.
   */
  public void start(MethodSite site, Chain chain) {
    if (this.site != site) {
      this.site = site;
    }
    if (this.chain != chain) {
      this.chain = chain;
    }
  }

  public MethodSite site() {
    return site;
  }

  /** The call's arguments, when the site's advice passes them (a policy asked for them), else null. */
  public Object[] args() {
    return args;
  }

  /** The method returned {@code result} ({@code args} may be null). */
  public void returned(Object[] args, Object result) {
    this.args = args;
    returned(result, -1);
  }

  public void threw(Object[] args, Throwable error) {
    this.args = args;
    threw(error, -1);
  }

  /** The value a refused call returns, worked out when its refusal was answered. */
  public Object answer() {
    return answer;
  }

  public void answer(Object value) {
    answer = value;
  }

  @Override
  protected void abandon() {
    if (chain == null) {
      return; // lost before its call was set up: no policy ran
    }
    if (outcome() == Outcome.PENDING) {
      threw(null, LOST_EXIT);
    }
    chain.after(this);
  }

  @Override
  protected void clear() {
    super.clear();
    if (args != null || answer != null) {
      args = null;
      answer = null;
    }
  }
}
