package io.kitagent.bootstrap;

import java.lang.reflect.InvocationHandler;

/**
 * One incoming HTTP request, from {@link Dispatch#httpServerStart}. For a request that goes on
 * asynchronously (a Servlet's {@code startAsync}), the advice calls {@link #detach} when the handler
 * returns and registers the call as the handler of a {@code java.lang.reflect.Proxy} of the
 * container's listener interface ({@code jakarta.servlet.AsyncListener}): the agent cannot name that
 * interface, which only the application's class loader sees, but a proxy can implement it.
 */
public abstract class HttpServerCall implements InvocationHandler {

  /**
   * A status to answer at once without running the application's handler (a limit was reached), or
   * 0 to go on. The advice answers it and then reports {@link #end} as for any other request.
   */
  public abstract int rejectStatus();

  /** The handler returned or threw; {@code status} as the server will answer (-1: unknown). */
  public abstract void end(int status, Throwable error);

  /**
   * The handler returned (or threw {@code error}, else null) but the request goes on; the listener
   * proxy ends it.
   */
  public abstract void detach(Throwable error);
}
