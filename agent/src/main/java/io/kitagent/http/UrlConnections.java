package io.kitagent.http;

import java.lang.ref.Cleaner;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The request of each {@link HttpURLConnection}: it starts at the first of {@code connect},
 * {@code getOutputStream} and {@code getInputStream} and ends when {@code getInputStream} first
 * returns or throws (or when connecting fails), however often those are called. The JDK class cannot
 * get a field of ours (it may be loaded before the agent and is then only retransformed), so the
 * calls are kept here, weakly, until the connection is collected; a request whose connection is
 * collected before it ended (the application gave up on it unread) is ended then.
 */
final class UrlConnections {

  /** Ends the request of a connection collected before it ended; its thread is a daemon. */
  private static final Cleaner ABANDONED = Cleaner.create();

  private final HttpRuntime runtime;
  private final Map<HttpURLConnection, ClientExchange> calls = new WeakHashMap<>();

  UrlConnections(HttpRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * The connection's request, new on its first call; null once it has ended, or when no policy
   * applies to it. A refused request stays refused: every later call on the connection answers the
   * same refusal, so that nothing is ever sent.
   */
  ClientExchange start(HttpURLConnection connection) {
    ClientExchange call;
    synchronized (calls) {
      call = calls.get(connection);
    }
    if (call == null) {
      // Made outside the lock: its chain's before steps may wait (a fault's delay, the meters).
      ClientExchange made = runtime.newUrlConnectionCall(connection);
      if (made == null) {
        return null;
      }
      synchronized (calls) {
        call = calls.putIfAbsent(connection, made);
      }
      if (call == null) {
        call = made;
        ABANDONED.register(connection, made::abandon); // the action holds the exchange, not the connection
      } else {
        made.abandon(); // another thread started this connection's request first
      }
    }
    return call.ended() && call.refusalAnswer() == null ? null : call;
  }
}
