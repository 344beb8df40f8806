package io.kitagent.http;

import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.core.AgentThread;
import io.kitagent.core.Chain;
import io.kitagent.core.Exchange;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One outgoing request, as its chain and its library's advice see it. It ends once, whichever of
 * {@link #end} and {@link #accept} comes first (an {@code HttpURLConnection} used from two threads
 * may end on both).
 */
final class ClientExchange extends Exchange implements HttpClientCall {

  private static final String[] NO_HEADERS = new String[0];
  private static final AtomicIntegerFieldUpdater<ClientExchange> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ClientExchange.class, "ended");

  private final Chain chain;
  private final int library;
  private final Object url;
  private final String path;
  private volatile int ended;
  private volatile HttpRefusal answer;
  private String target;
  private String host;
  private int port;
  private String[] headers = NO_HEADERS;
  private Object response;
  /** Made at the first retry decision, so that a request that is never retried carries none of it. */
  private Retrying retrying;

  /** What a retried request carries from one attempt to the next. */
  private static final class Retrying {
    boolean sendable = true;
    /** The wait before the next attempt, slept when it is sent; -1: none. */
    long wait = -1;
    /** The JDK client's follower of every attempt, once the request is sent with it. */
    JdkRetries jdk;
  }

  private Retrying retrying() {
    if (retrying == null) {
      retrying = new Retrying();
    }
    return retrying;
  }

  /**
   * The URL is {@code url + path} ({@code path} may be null), made text only when needed; it goes to
   * {@code host:port} until a policy rewrites it.
   */
  ClientExchange(Chain chain, int library, String method, Object url, String path, String host, int port,
      String key) {
    super(HttpRuntime.library(library), method, key);
    this.chain = chain;
    this.library = library;
    this.url = url;
    this.path = path;
    this.host = host;
    this.port = port;
  }

  /** Runs the chain's before steps; a refusal is answered by the advice ({@link #refusalAnswer}). */
  void begin() {
    if (!chain.before(this)) {
      answerRefusal();
    }
  }

  private void answerRefusal() {
    answer = Answers.of(this, refusal(), method() + " " + forLog(false), answerHeaders());
  }

  void changeMethod(String method) {
    method(method);
  }

  boolean ended() {
    return ended != 0;
  }

  @Override
  public boolean client() {
    return true;
  }

  @Override
  public String forLog(boolean withQuery) {
    return Urls.forLog(url(), withQuery);
  }

  private String url() {
    return path == null ? String.valueOf(url) : url + path;
  }

  @Override
  public HttpRefusal refusalAnswer() {
    return answer;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public String[] headers() {
    return headers;
  }

  @Override
  public void setRequestHeader(String name, String value) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase(name)) {
        headers[i + 1] = value;
        return;
      }
    }
    headers = Arrays.copyOf(headers, headers.length + 2);
    headers[headers.length - 2] = name;
    headers[headers.length - 1] = value;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String instance() {
    return target == null ? null : (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The request goes to {@code host:port} with the same scheme, path, query and userinfo. */
  @Override
  public void rewrite(String host, int port) {
    this.host = host;
    this.port = port;
    URI uri = URI.create(target != null ? target : url());
    String authority = (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
        + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    target = uri.getScheme() + "://" + authority + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
  }

  @Override
  public String responseHeader(String name) {
    return response == null ? null : ResponseHeaders.read(library, response, name);
  }

  /** Whether a retry policy may send this request again. */
  boolean retries() {
    return chain.retries();
  }

  @Override
  public boolean replayable() {
    return retrying == null || retrying.sendable;
  }

  @Override
  public void end(int status, Throwable error, Object response) {
    AgentThread thread = AgentThread.current();
    thread.inClient = false;
    if (thread.resend == this) {
      thread.resend = null; // the library failed before its send reached the advice
    }
    record(status, error, response);
  }

  /**
   * For a library that sends on the caller's thread: ends the attempt when the retry policy sends it
   * again. The advice then closes the attempt's response, so that its connection is free during the
   * wait, and sends again; that send's start ({@link #resume}) waits and begins the next attempt.
   */
  @Override
  public boolean retry(int status, Throwable error, Object response, boolean sendable) {
    if (!chain.retries()) {
      return false;
    }
    long wait = endAttempt(status, error, response, sendable);
    if (wait < 0) {
      return false;
    }
    retrying().wait = wait;
    markResend();
    return true;
  }

  /**
   * The send of a retry reached its advice ({@link HttpRuntime#clientStart}): waits what the retry
   * policy asked, then begins the attempt through the chain. A next attempt that a policy inside the
   * retry refuses (an open breaker) is "sent" all the same: its advice answers the refusal, as for a
   * first attempt. An interrupt during the wait fails the request with an {@code IOException}, the
   * interrupt kept (the last attempt's response is closed by then).
   */
  void resume() {
    long wait = retrying == null ? -1 : retrying.wait;
    if (retrying != null) {
      retrying.wait = -1;
    }
    if (wait > 0 && !Chain.sleep(wait)) {
      answer = new HttpRefusal(this, 0, "", NO_HEADERS, new byte[0],
          "kit-agent: interrupted while waiting to retry " + method() + " " + forLog(false));
      return;
    }
    if (!chain.nextAttempt(this)) {
      answerRefusal();
    }
  }

  @Override
  public Object retrying(Object handler, Object client, Object request, boolean sendable) {
    if (retrying != null || !chain.retries() || !(client instanceof java.net.http.HttpClient http)
        || !(handler instanceof java.net.http.HttpResponse.BodyHandler<?> bodies)
        || !(request instanceof java.net.http.HttpRequest sent)) {
      return handler;
    }
    JdkRetries jdk = new JdkRetries(this, http, sent, bodies, sendable && JdkRetries.replayable(sent));
    retrying().jdk = jdk;
    return jdk;
  }

  @Override
  public java.util.concurrent.CompletableFuture<?> follow(java.util.concurrent.CompletableFuture<?> future) {
    if (retrying == null || retrying.jdk == null) {
      future.whenComplete(this);
      return future;
    }
    return retrying.jdk.follow(future);
  }

  /** Ends the attempt when it is to be sent again: the wait before the next, or -1 (nothing done). */
  long endAttempt(int status, Throwable error, Object response, boolean sendable) {
    if (ended()) {
      return -1;
    }
    if (retrying != null || !sendable) {
      retrying().sendable = sendable; // sendable unless said otherwise: nothing made for most requests
    }
    answered(status, status > 0 || error == null ? null : unwrap(error));
    this.response = response;
    try {
      return chain.endAttempt(this);
    } finally {
      this.response = null;
    }
  }

  /** This thread's next send of the library is this request again, not a new one. */
  void markResend() {
    AgentThread thread = AgentThread.current();
    thread.inClient = false;
    thread.resend = this;
  }

  /** Clears the mark when the send failed before it reached the advice. */
  void sent() {
    AgentThread thread = AgentThread.current();
    if (thread.resend == this) {
      thread.resend = null;
    }
  }

  @Override
  public void detach() {
    AgentThread.current().inClient = false;
  }

  @Override
  public void accept(Object response, Throwable error) {
    int status = response instanceof java.net.http.HttpResponse<?> r ? r.statusCode() : -1;
    record(status, error == null ? null : unwrap(error), response);
  }

  /**
   * The application dropped the request before reading its response (its connection was collected):
   * ends it, so that its policies give back what they hold (a bulkhead's place, a breaker's
   * half-open permission). Nothing happens when it has ended already.
   */
  void abandon() {
    record(-1, ABANDONED, null);
  }

  /** A response means the exchange worked, whatever the library threw for its status (a 404). */
  private void record(int status, Throwable error, Object response) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    answered(status, status > 0 ? null : error);
    this.response = response;
    try {
      chain.after(this);
    } finally {
      this.response = null;
    }
  }

  /** The cause the application sees from a future's failure. */
  private static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
