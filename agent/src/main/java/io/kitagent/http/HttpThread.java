package io.kitagent.http;

/**
 * What this thread is doing with HTTP: inside a recorded client or server request (so that a nested
 * one, a client delegating to another or a filter chain calling itself, is not recorded twice), or
 * making or serving the agent's own requests (never recorded).
 */
final class HttpThread {

  private static final ThreadLocal<HttpThread> CURRENT = ThreadLocal.withInitial(HttpThread::new);

  boolean inClient;
  boolean inServer;
  int agentTraffic;

  static HttpThread current() {
    return CURRENT.get();
  }
}
