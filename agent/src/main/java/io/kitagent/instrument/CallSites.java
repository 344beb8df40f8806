package io.kitagent.instrument;

import io.kitagent.bootstrap.MethodCalls;
import io.kitagent.logging.AgentLog;
import java.util.Arrays;

/**
 * Every woven method's {@link CallSite}, by id. Ids are handed out at weave time and baked into the
 * woven code, so a call costs one array read. A site whose policy throws is logged once and switched
 * off (not for a {@link VirtualMachineError}, which is the application's); the application never
 * sees the exception.
 */
public final class CallSites implements MethodCalls {

  private volatile CallSite[] sites = new CallSite[64];
  private int count;

  public synchronized int register(CallSite site) {
    CallSite[] current = sites;
    if (count == current.length) {
      current = Arrays.copyOf(current, count * 2);
    }
    current[count] = site;
    sites = current; // volatile write publishes the new element to callers
    return count++;
  }

  public synchronized int size() {
    return count;
  }

  @Override
  public long enter(int site) {
    CallSite callSite = lookup(site);
    if (callSite == null) {
      return System.nanoTime();
    }
    try {
      return callSite.enter();
    } catch (VirtualMachineError e) {
      return System.nanoTime(); // the application's stack or heap ran out, not our policy
    } catch (Throwable t) {
      disable(site, callSite, t);
      return System.nanoTime();
    }
  }

  @Override
  public void exit(int site, long start, Throwable error) {
    exit(site, start, null, null, error);
  }

  @Override
  public void exit(int site, long start, Object[] args, Object result, Throwable error) {
    CallSite callSite = lookup(site);
    if (callSite == null) {
      return;
    }
    try {
      callSite.exit(start, args, result, error);
    } catch (VirtualMachineError e) {
      // the application's stack or heap ran out; the policy is not at fault
    } catch (Throwable t) {
      disable(site, callSite, t);
    }
  }

  private CallSite lookup(int site) {
    CallSite[] current = sites;
    return site >= 0 && site < current.length ? current[site] : null;
  }

  private synchronized void disable(int site, CallSite callSite, Throwable cause) {
    if (sites[site] == callSite) {
      sites[site] = null;
      sites = sites;
      AgentLog.warn("instrumentation of " + callSite.name() + " failed and is switched off: " + cause);
    }
  }
}
