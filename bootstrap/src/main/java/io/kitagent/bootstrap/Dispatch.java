package io.kitagent.bootstrap;

/**
 * The one door between woven code and the agent.
 *
 * <p>Why it lives here: advice is inlined into the application's classes (and, for HTTP, into JDK
 * classes such as {@code HttpURLConnection}). Inlined code can only name classes that the woven
 * class's own loader can see. The agent's classes sit in the system class loader, which JDK classes
 * and isolated application loaders (servlet containers, plugin systems) cannot see. This module is
 * therefore packed as a separate JAR inside {@code kit-agent.jar} and appended to the bootstrap class
 * path at start-up, where every loader finds it by parent delegation.
 *
 * <p>Rules for advice authors:
 * <ul>
 *   <li>advice touches only {@code io.kitagent.bootstrap} types and the JDK;</li>
 *   <li>each woven method carries its call-site id as a constant, so a call costs an array read;</li>
 *   <li>this module depends on nothing, so it can never clash with the application's libraries;</li>
 *   <li>until the agent installs its handler every call is a no-op, and a handler must never throw
 *       into the application (advice also suppresses {@link Throwable} as a second guard).</li>
 * </ul>
 */
public final class Dispatch {

  private static volatile MethodCalls methods = MethodCalls.NONE;
  private static volatile HttpCalls http = HttpCalls.NONE;

  private Dispatch() {}

  /**
   * Installs the agent's handler of woven method calls. Only the first agent in a JVM may: call-site
   * ids woven into classes belong to it, and a second handler would receive them as its own.
   */
  public static synchronized boolean install(MethodCalls handler) {
    if (handler == null || methods != MethodCalls.NONE) {
      return false;
    }
    methods = handler;
    return true;
  }

  /** Removes the handler if it is the installed one; for tests and a clean stop. */
  public static synchronized void uninstall(MethodCalls handler) {
    if (methods == handler) {
      methods = MethodCalls.NONE;
      http = HttpCalls.NONE;
    }
  }

  /**
   * Installs the handler of HTTP requests, for the agent whose method handler is {@code owner} (the
   * one {@link #install} accepted), so that a second agent cannot take the HTTP hooks either.
   */
  public static synchronized boolean installHttp(MethodCalls owner, HttpCalls handler) {
    if (owner == null || owner != methods || handler == null) {
      return false;
    }
    http = handler;
    return true;
  }

  public static Object enter(int site) {
    return methods.enter(site);
  }

  public static boolean refused(Object call) {
    return call != null && methods.refused(call);
  }

  public static Throwable refusalError(int site, Object call) {
    return methods.refusalError(site, call);
  }

  public static Object refusalValue(int site, Object call) {
    return methods.refusalValue(site, call);
  }

  public static boolean retry(int site, Object call, Object[] args, Throwable error) {
    return error != null && call != null && methods.retry(site, call, args, error);
  }

  public static void exit(int site, Object call, Throwable error) {
    methods.exit(site, call, error);
  }

  public static void exit(int site, Object call, Object[] args, Object result, Throwable error) {
    methods.exit(site, call, args, result, error);
  }

  public static HttpClientCall httpClientStart(int library, String method, Object url, String path,
      String host, int port) {
    return http.clientStart(library, method, url, path, host, port);
  }

  public static HttpClientCall urlConnectionStart(Object connection) {
    return http.urlConnectionStart(connection);
  }

  public static boolean httpServerActive() {
    return http.serverActive();
  }

  public static HttpServerCall httpServerStart(int library, String method, String path, String query,
      String route, Object request) {
    return http.serverStart(library, method, path, query, route, request);
  }
}
