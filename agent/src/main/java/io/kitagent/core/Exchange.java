package io.kitagent.core;

/**
 * One HTTP exchange going through a chain: an outgoing request of a client library or an incoming one
 * of a server. Policies read what it is about (library, method, where to, the headers) and may steer a
 * client request before it is sent: rewrite its host and port, set headers.
 */
public abstract class Exchange extends Call {

  private static final String[] NO_HEADERS = new String[0];

  /**
   * What an outgoing request that never got to its response is ended with, when the application
   * dropped it (an {@code HttpURLConnection} collected unread): not a failure of the downstream.
   */
  public static final Throwable ABANDONED = new java.io.IOException(
      "kit-agent: the connection was dropped before its response was read", null) {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  };

  private final String library;
  private final String key;
  private volatile String method;
  private String[] answerHeaders = NO_HEADERS;

  protected Exchange(String library, String method, String key) {
    this.library = library;
    this.method = method;
    this.key = key;
  }

  /** Whether this is an outgoing request (else an incoming one). */
  public abstract boolean client();

  /** The library's name as events write it, e.g. {@code okhttp}, {@code servlet}. */
  public final String library() {
    return library;
  }

  public final String method() {
    return method;
  }

  /** An {@code HttpURLConnection} becomes a POST when its body stream is opened. */
  protected final void method(String method) {
    this.method = method;
  }

  /**
   * What the exchange is tagged and logged by: for a client, the service name (from {@code services})
   * or {@code host[:port]}; for a server, the route.
   */
  public final String key() {
    return key;
  }

  /** The URL (client) or path (server) as it may be logged: never the userinfo, the query only if asked. */
  public abstract String forLog(boolean withQuery);

  /** A request header of an incoming request, or null (or for a client). */
  public String requestHeader(String name) {
    return null;
  }

  /** A header of the response a client request got, or null; readable in after steps. */
  public String responseHeader(String name) {
    return null;
  }

  /** Sets a header on an outgoing request; before steps only. */
  public void setRequestHeader(String name, String value) {
    throw new UnsupportedOperationException("only an outgoing request takes headers");
  }

  /** The host an outgoing request goes to (after any {@link #rewrite}), or null for an incoming one. */
  public String host() {
    return null;
  }

  /** The port an outgoing request goes to, or -1. */
  public int port() {
    return -1;
  }

  /** The {@code host:port} an outgoing request was sent to instead of its own (a chosen instance), or null. */
  public String instance() {
    return null;
  }

  /** Sends an outgoing request to another host and port; before steps only. */
  public void rewrite(String host, int port) {
    throw new UnsupportedOperationException("only an outgoing request can be sent elsewhere");
  }

  /**
   * Whether an outgoing request can be sent again as it was: its library can replay its body (or it
   * has none), and it may be sent twice. Known once an attempt has failed; false for an incoming one.
   */
  public boolean replayable() {
    return false;
  }

  /** The path of an incoming request (no query), or null for an outgoing one. */
  public String path() {
    return null;
  }

  /** The address of the client that sent an incoming request, or null. */
  public String clientAddress() {
    return null;
  }

  /**
   * Adds a header to the answer of this exchange if a policy refuses it in this before step (a
   * limiter's {@code Retry-After}), besides those its {@code onReject} names.
   */
  public final void answerHeader(String name, String value) {
    String[] more = java.util.Arrays.copyOf(answerHeaders, answerHeaders.length + 2);
    more[more.length - 2] = name;
    more[more.length - 1] = value;
    answerHeaders = more;
  }

  /** The headers policies added for a refusal's answer, as name, value, name, value. */
  public final String[] answerHeaders() {
    return answerHeaders;
  }

  /** The exchange got a response with {@code status} (an error with it, for a server: the handler threw). */
  protected final void answered(int status, Throwable error) {
    if (error == null) {
      returned(null, status);
    } else {
      threw(error, status);
    }
  }
}
