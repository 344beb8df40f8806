package io.kitagent.http;

import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpServerCall;
import io.kitagent.config.AgentConfig;
import io.kitagent.config.Rule;
import io.kitagent.logging.HttpLogPolicy;
import io.kitagent.logging.LogConfig;
import io.kitagent.metrics.MetricsConfig;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import io.kitagent.metrics.Meters;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The agent's side of the HTTP hooks: decides which requests are recorded and records them, with the
 * {@code http.client} and {@code http.server} policies. A failure of its own is logged once and turns
 * that side off; the application never sees it.
 */
public final class HttpRuntime implements HttpCalls {

  private static final String[] LIBRARIES = {"jdk-httpclient", "urlconnection", "apache-httpclient-5",
      "apache-httpclient-4", "okhttp", "jdk-httpserver", "servlet"};
  private static final String[] NO_HEADERS = new String[0];
  private static final int MAX_CACHED_HOSTS = 1_000;

  private final ServiceNames services;
  private final UrlConnections connections = new UrlConnections(this);
  private final ConcurrentHashMap<String, HostPort> hostPorts = new ConcurrentHashMap<>();
  private final HttpLogger clientLog;
  private final HttpLogger serverLog;
  private final CompletableFuture<Meters> meters;
  private final LazyTimers clientTimers;
  private final LazyTimers serverTimers;
  private final int maxTagValues;
  private volatile boolean clientOn;
  private volatile boolean serverOn;

  public HttpRuntime(AgentConfig config, EventLog log, CompletableFuture<Meters> meters) {
    Rule client = config.http().client();
    Rule server = config.http().server();
    this.services = new ServiceNames(config.services());
    this.clientOn = client != null;
    this.serverOn = server != null;
    HttpLogPolicy clientLogPolicy = client == null ? null : client.get(LogConfig.HTTP);
    HttpLogPolicy serverLogPolicy = server == null ? null : server.get(LogConfig.HTTP);
    this.clientLog = clientLogPolicy == null ? null : new HttpLogger(log, clientLogPolicy);
    this.serverLog = serverLogPolicy == null ? null : new HttpLogger(log, serverLogPolicy);
    this.clientTimers = new LazyTimers(client != null && client.get(MetricsConfig.WORD) != null, "http.client.requests",
        "Outgoing HTTP requests, recorded by Kit Agent", "host", false);
    this.serverTimers = new LazyTimers(server != null && server.get(MetricsConfig.WORD) != null, "http.server.requests",
        "Incoming HTTP requests, recorded by Kit Agent", "route", true);
    this.meters = meters;
    this.maxTagValues = config.metrics().maxTagValues();
  }

  static String library(int id) {
    return id >= 0 && id < LIBRARIES.length ? LIBRARIES[id] : "unknown";
  }

  @Override
  public HttpClientCall clientStart(int library, String method, Object url, String path, String host,
      int port) {
    if (!clientOn) {
      return null;
    }
    HttpThread thread = HttpThread.current();
    if (thread.inClient || thread.agentTraffic > 0) {
      return null;
    }
    ClientExchange call = new ClientExchange(library, method, url, path, hostTag(host, port));
    thread.inClient = true;
    return call;
  }

  @Override
  public HttpClientCall urlConnectionStart(Object connection) {
    if (!clientOn || !(connection instanceof HttpURLConnection http)) {
      return null;
    }
    HttpThread thread = HttpThread.current();
    if (thread.inClient || thread.agentTraffic > 0) {
      return null;
    }
    try {
      ClientExchange call = connections.start(http);
      if (call != null) {
        // getOutputStream turns a GET into a POST after the first woven call has seen it
        call.method = http.getRequestMethod();
        thread.inClient = true;
      }
      return call;
    } catch (RuntimeException e) {
      fail("http.client", e);
      return null;
    }
  }

  ClientExchange newUrlConnectionCall(HttpURLConnection connection) {
    java.net.URL url = connection.getURL();
    int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
    return new ClientExchange(URL_CONNECTION, connection.getRequestMethod(), url, null,
        hostTag(url.getHost(), port));
  }

  @Override
  public boolean serverActive() {
    if (!serverOn) {
      return true;
    }
    HttpThread thread = HttpThread.current();
    return thread.inServer || thread.agentTraffic > 0;
  }

  @Override
  public HttpServerCall serverStart(int library, String method, String path, String query, String route) {
    if (!serverOn) {
      return null;
    }
    HttpThread thread = HttpThread.current();
    if (thread.inServer || thread.agentTraffic > 0) {
      return null;
    }
    ServerExchange call =
        new ServerExchange(library, method, path, query, route == null || route.isEmpty() ? "/" : route);
    thread.inServer = true;
    return call;
  }

  /** The {@code host} tag: the service name, else host, with the port unless it is 80 or 443. */
  private String hostTag(String host, int port) {
    String service = services.lookup(host, port);
    if (service != null) {
      return service;
    }
    if (host == null || host.isEmpty()) {
      return "unknown";
    }
    return port < 0 || port == 80 || port == 443 ? host : hostWithPort(host, port);
  }

  /** {@code host:port}, kept per host so that a request does not build the string again. */
  private String hostWithPort(String host, int port) {
    HostPort last = hostPorts.get(host);
    if (last != null && last.port() == port) {
      return last.text();
    }
    HostPort made = new HostPort(port, host + ":" + port);
    if (hostPorts.size() < MAX_CACHED_HOSTS) {
      hostPorts.put(host, made);
    }
    return made.text();
  }

  private record HostPort(int port, String text) {}

  /** A side's timers, built at its first request: the meters may still be starting at weave time. */
  private final class LazyTimers {
    private final boolean on;
    private final String name;
    private final String description;
    private final String keyTag;
    private final boolean uriTag;
    private volatile RequestTimers timers;

    LazyTimers(boolean on, String name, String description, String keyTag, boolean uriTag) {
      this.on = on;
      this.name = name;
      this.description = description;
      this.keyTag = keyTag;
      this.uriTag = uriTag;
    }

    RequestTimers get() {
      RequestTimers ready = timers;
      if (ready == null && on) {
        Meters registry = meters();
        if (registry != null) {
          ready = new RequestTimers(registry.registry(), name, description, keyTag, uriTag, maxTagValues);
          timers = ready;
        }
      }
      return ready;
    }
  }

  /**
   * The meters if they are ready. A request never waits for them: until then (the first moments after
   * start-up) requests are logged but not measured; if they failed, that was reported where.
   */
  private Meters meters() {
    return meters.isDone() && !meters.isCompletedExceptionally() ? meters.join() : null;
  }

  private void fail(String side, Throwable t) {
    boolean was = side.equals("http.client") ? clientOn : serverOn;
    if (side.equals("http.client")) {
      clientOn = false;
    } else {
      serverOn = false;
    }
    if (was) {
      AgentLog.warn(side + " recording failed and is switched off: " + t);
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

  /** One outgoing request. */
  final class ClientExchange extends HttpClientCall {
    private final int library;
    private static final AtomicIntegerFieldUpdater<ClientExchange> ENDED =
        AtomicIntegerFieldUpdater.newUpdater(ClientExchange.class, "ended");

    private volatile String method;
    private final Object url;
    private final String path;
    private final String host;
    private final long start = System.nanoTime();
    private volatile int ended;

    ClientExchange(int library, String method, Object url, String path, String host) {
      this.library = library;
      this.method = method;
      this.url = url;
      this.path = path;
      this.host = host;
    }

    @Override
    public String target() {
      return null;
    }

    @Override
    public String[] headers() {
      return NO_HEADERS;
    }

    @Override
    public void end(int status, Throwable error) {
      HttpThread.current().inClient = false;
      record(status, error);
    }

    @Override
    public void detach() {
      HttpThread.current().inClient = false;
    }

    @Override
    public void accept(Object response, Throwable error) {
      int status = response instanceof java.net.http.HttpResponse<?> r ? r.statusCode() : -1;
      record(status, error == null ? null : unwrap(error));
    }

    boolean ended() {
      return ended != 0;
    }

    /** A response means the exchange worked, whatever the library threw for its status (a 404). */
    private void record(int status, Throwable error) {
      if (!ENDED.compareAndSet(this, 0, 1)) {
        return; // an HttpURLConnection used from two threads may end on both
      }
      long nanos = System.nanoTime() - start;
      Throwable failure = status > 0 ? null : error;
      try {
        RequestTimers timers = clientTimers.get();
        if (timers != null) {
          timers.record(host, method, status, failure, nanos);
        }
        if (clientLog != null) {
          clientLog.client(library, method, url, path, host, status, failure, nanos);
        }
      } catch (VirtualMachineError e) {
        // the application's stack or heap ran out, not our policy
      } catch (Throwable t) {
        fail("http.client", t);
      }
    }
  }

  /** One incoming request. */
  final class ServerExchange extends HttpServerCall {
    private final int library;
    private final String method;
    private final String path;
    private final String query;
    private final String route;
    private final long start = System.nanoTime();
    private volatile Throwable asyncError;

    ServerExchange(int library, String method, String path, String query, String route) {
      this.library = library;
      this.method = method;
      this.path = path;
      this.query = query;
      this.route = route;
    }

    @Override
    public int rejectStatus() {
      return 0;
    }

    /**
     * A handler that threw before answering is answered 500 by the containers (the JDK server closes
     * the connection instead); the advice passes the status already sent, if any.
     */
    @Override
    public void end(int status, Throwable error) {
      HttpThread.current().inServer = false;
      record(status, error);
    }

    @Override
    public void detach(Throwable error) {
      HttpThread.current().inServer = false;
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
          return "kit-agent listener of " + method + " " + path;
        }
        default -> {
          // a listener method of a later Servlet version: nothing to do
        }
      }
      return null;
    }

    private void record(int status, Throwable error) {
      long nanos = System.nanoTime() - start;
      int answered = error != null && status < 100 ? ServerErrors.status(error) : status;
      try {
        RequestTimers timers = serverTimers.get();
        if (timers != null) {
          timers.record(route, method, answered, error, nanos);
        }
        if (serverLog != null) {
          serverLog.server(library, method, path, query, route, answered, error, nanos);
        }
      } catch (VirtualMachineError e) {
        // the application's stack or heap ran out, not our policy
      } catch (Throwable t) {
        fail("http.server", t);
      }
    }
  }
}
