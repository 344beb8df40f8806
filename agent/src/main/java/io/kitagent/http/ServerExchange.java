package io.kitagent.http;

import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.bootstrap.HttpServerCall;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import io.kitagent.core.Chain;
import io.kitagent.core.Exchange;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** One incoming request, as its chain and its server's advice see it. */
final class ServerExchange extends Exchange implements HttpServerCall {

  private static final AtomicIntegerFieldUpdater<ServerExchange> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ServerExchange.class, "ended");

  private final Chain chain;
  private final int library;
  private final String path;
  private final String query;
  private Object request;
  private volatile HttpRefusal answer;
  private volatile Throwable asyncError;
  private volatile int ended;

  ServerExchange(Chain chain, int library, String method, String path, String query, String route, Object request) {
    super(HttpRuntime.library(library), method, route);
    this.chain = chain;
    this.library = library;
    this.path = path;
    this.query = query;
    this.request = request;
  }

  /** Runs the chain's before steps; a refusal is answered by the advice ({@link #refusalAnswer}). */
  void begin() {
    if (!chain.before(this)) {
      answer = Answers.of(this, refusal(), method() + " " + path, answerHeaders());
    }
  }

  @Override
  public boolean client() {
    return false;
  }

  @Override
  public String forLog(boolean withQuery) {
    return Urls.pathForLog(path, query, withQuery);
  }

  @Override
  public String requestHeader(String name) {
    Object current = request;
    return current == null ? null : RequestHeaders.read(library, current, name);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String clientAddress() {
    Object current = request;
    return current == null ? null : RequestHeaders.remoteAddress(library, current);
  }

  @Override
  public HttpRefusal refusalAnswer() {
    return answer;
  }

  /**
   * A handler that threw before answering is answered 500 by the containers (the JDK server closes
   * the connection instead); the advice passes the status already sent, if any.
   */
  @Override
  public void end(int status, Throwable error) {
    AgentThread.current().inServer = false;
    record(status, error);
  }

  @Override
  public void detach(Throwable error) {
    AgentThread.current().inServer = false;
    asyncError = error;
  }

  /**
   * The container's {@code AsyncListener} calls, through a proxy, on whatever thread completes the
   * request: so they record without touching this thread's state.
   */
  @Override
  public Object invoke(Object proxy, Method listenerMethod, Object[] args) {
    switch (listenerMethod.getName()) {
      case "onComplete" -> {
        // A timeout or error that the application then answered itself is not a failure.
        int status = AsyncEvents.status(args[0]);
        record(status, status >= 100 && status < 500 ? null : asyncError);
      }
      case "onError", "onTimeout" -> asyncError = AsyncEvents.error(args[0], listenerMethod.getName());
      case "onStartAsync" -> AsyncEvents.listenAgain(args[0], proxy);
      case "equals" -> {
        return proxy == args[0];
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "toString" -> {
        return "kit-agent listener of " + method() + " " + path;
      }
      default -> {
        // a listener method of a later Servlet version: nothing to do
      }
    }
    return null;
  }

  private void record(int status, Throwable error) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    request = null; // the container reuses its request objects
    int answered = status;
    if (error != null && status < 100) {
      AgentThread own = AgentWork.begin(); // the exception's getCode is the application's code
      try {
        answered = ServerErrors.status(error);
      } finally {
        AgentWork.end(own);
      }
    }
    answered(answered, error);
    chain.after(this);
  }
}
