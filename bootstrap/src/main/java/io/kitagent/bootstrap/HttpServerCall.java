package io.kitagent.bootstrap;

import java.lang.reflect.InvocationHandler;

/**
 * One incoming HTTP request, from {@link Dispatch#httpServerStart}. When {@link #refusalAnswer} is set, the
 * advice answers the request with it (status, headers, body) and the application's handler does not
 * run. For a request that goes on asynchronously (a Servlet's {@code startAsync}), the advice calls
 * {@link #detach} when the handler returns and registers the call as the handler of a
 * {@code java.lang.reflect.Proxy} of the container's listener interface
 * ({@code jakarta.servlet.AsyncListener}): the agent cannot name that interface, which only the
 * application's class loader sees, but a proxy can implement it.
 */
public interface HttpServerCall extends InvocationHandler {

  /** Why and how a policy refused the request, or null to run the application's handler. */
  HttpRefusal refusalAnswer();

  /** The handler returned or threw; {@code status} as the server will answer (-1: unknown). */
  void end(int status, Throwable error);

  /**
   * The handler returned (or threw {@code error}, else null) but the request goes on; the listener
   * proxy ends it.
   */
  void detach(Throwable error);
}
