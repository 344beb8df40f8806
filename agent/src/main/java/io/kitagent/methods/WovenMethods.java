package io.kitagent.methods;

import io.kitagent.bootstrap.MethodCalls;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import io.kitagent.core.Chain;
import io.kitagent.core.MethodCall;
import io.kitagent.core.MethodSite;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Every woven method with its chain, by id. Ids are handed out at weave time and baked into the woven
 * code, so a call costs one array read. A site whose chain has no before step and reads no clock
 * (logging below the level) does nothing on entry; its exit does work only when a policy wants it.
 */
public final class WovenMethods implements MethodCalls {

  /** The token of a call at a site with nothing to do on entry. */
  private static final Object NO_FRAME = new Object();

  private volatile Site[] sites = new Site[64];
  private int count;

  /** A site whose refusals need no exception class checked, for tests. */
  public int register(MethodSite site, Chain chain) {
    return register(site, chain, name -> null);
  }

  /** {@code exceptionTypes}: why an {@code onReject} exception class cannot be used, or null. */
  public synchronized int register(MethodSite site, Chain chain, Function<String, String> exceptionTypes) {
    RefusalAnswers answers = new RefusalAnswers(site, chain.policies(), exceptionTypes::apply);
    Site[] current = sites;
    if (count == current.length) {
      current = Arrays.copyOf(current, count * 2);
    }
    current[count] = new Site(site, chain, chain.needsBefore(), answers);
    sites = current; // volatile write publishes the new element to callers
    return count++;
  }

  public synchronized int size() {
    return count;
  }

  @Override
  public Object enter(int id) {
    Site site = lookup(id);
    if (site == null) {
      return null;
    }
    if (!site.framed) {
      return NO_FRAME;
    }
    AgentThread thread = AgentThread.current();
    if (thread.inAgentWork()) {
      return null;
    }
    MethodCall call = thread.push(MethodCall::new);
    call.start(site.site, site.chain);
    site.chain.before(call);
    return call;
  }

  @Override
  public boolean refused(Object call) {
    return call instanceof MethodCall method && method.refused();
  }

  @Override
  public Throwable refusalError(int id, Object call) {
    Site site = lookup(id);
    return site == null || !(call instanceof MethodCall method) ? null : site.answers.error(method);
  }

  @Override
  public Object refusalValue(int id, Object call) {
    return call instanceof MethodCall method ? method.answer() : null;
  }

  @Override
  public boolean retry(int id, Object token, Object[] args, Throwable error) {
    Site site = lookup(id);
    if (site == null || !(token instanceof MethodCall call)) {
      return false;
    }
    call.threw(args, error);
    return site.chain.retry(call);
  }

  @Override
  public void exit(int id, Object call, Throwable error) {
    exit(id, call, null, null, error);
  }

  @Override
  public void exit(int id, Object token, Object[] args, Object result, Throwable error) {
    if (token == null) {
      return;
    }
    Site site = lookup(id);
    if (site == null) {
      return;
    }
    MethodCall call;
    if (token == NO_FRAME) {
      if (error == null && !site.chain.afterReturn() || AgentWork.active()) {
        return;
      }
      call = new MethodCall(site.site, site.chain);
      site.chain.allRan(call);
    } else if (token instanceof MethodCall frame) {
      call = frame;
    } else {
      return;
    }
    if (error == null) {
      call.returned(args, result);
    } else {
      call.threw(args, error);
    }
    site.chain.after(call);
    if (call.thread() != null && !call.holding()) {
      call.thread().pop(call);
    }
  }

  private Site lookup(int id) {
    Site[] current = sites;
    return id >= 0 && id < current.length ? current[id] : null;
  }

  private record Site(MethodSite site, Chain chain, boolean framed, RefusalAnswers answers) {}
}
