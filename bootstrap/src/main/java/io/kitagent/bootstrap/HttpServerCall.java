package io.kitagent.bootstrap;

/** One incoming HTTP request, from {@link Dispatch#httpServerStart}. */
public abstract class HttpServerCall {

  /**
   * A status to answer at once without running the application's handler (a limit was reached), or
   * 0 to go on. The advice answers it and then reports {@link #end} as for any other request.
   */
  public abstract int rejectStatus();

  /** The handler returned or threw; {@code status} as the server will answer (-1: unknown). */
  public abstract void end(int status, Throwable error);
}
