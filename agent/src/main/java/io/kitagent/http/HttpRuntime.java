package io.kitagent.http;

import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpServerCall;
import io.kitagent.config.AgentConfig;
import io.kitagent.core.AgentThread;
import io.kitagent.core.Chain;
import io.kitagent.core.Context;
import io.kitagent.logging.AgentLog;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's side of the HTTP hooks: decides which requests go through a chain, and which chain
 * ({@link HttpChains}), and starts their exchanges. A request is not recorded when its side has no
 * policy, when it is nested in one already recorded on this thread (a client delegating to another,
 * a filter chain), or when the agent itself makes or serves it. A failure of its own is logged once
 * and leaves that request unrecorded; the application never sees it.
 */
public final class HttpRuntime implements HttpCalls {

  private static final String[] LIBRARIES = {"jdk-httpclient", "urlconnection", "apache-httpclient-5",
      "apache-httpclient-4", "okhttp", "jdk-httpserver", "servlet"};
  private static final int MAX_CACHED_HOSTS = 1_000;

  private final HttpChains chains;
  private final ServiceNames services;
  private final UrlConnections connections = new UrlConnections(this);
  private final ConcurrentHashMap<String, HostPort> hostPorts = new ConcurrentHashMap<>();
  private final boolean clientOn;
  private final boolean serverOn;
  private final AtomicBoolean failed = new AtomicBoolean();
  private final AtomicBoolean urlConnectionRetryNoted = new AtomicBoolean();

  public HttpRuntime(AgentConfig config, Context context) {
    this.chains = new HttpChains(config, context);
    this.services = new ServiceNames(config.services());
    this.clientOn = chains.clientSide();
    this.serverOn = chains.serverSide();
  }

  /** Whether client libraries need weaving: some outgoing request may have a policy. */
  public boolean clientSide() {
    return clientOn;
  }

  public boolean serverSide() {
    return serverOn;
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
    AgentThread thread = AgentThread.current();
    if (thread.resend instanceof ClientExchange again) {
      thread.resend = null;
      thread.inClient = true;
      again.resume();
      return again;
    }
    if (thread.inClient || thread.inAgentWork()) {
      return null;
    }
    try {
      ClientExchange call = exchange(library, method, url, path, host, port);
      if (call != null) {
        thread.inClient = true; // only once the exchange has begun: its end resets it
      }
      return call;
    } catch (RuntimeException e) {
      fail(e);
      return null;
    }
  }

  /** The exchange of a request, through its chain's before steps; null when no policy applies to it. */
  private ClientExchange exchange(int library, String method, Object url, String path, String host, int port) {
    String service = services.lookup(host, port);
    Chain chain = chains.client(service);
    if (chain.isEmpty()) {
      return null;
    }
    ClientExchange call = new ClientExchange(chain, library, method, url, path, host, port,
        service != null ? service : hostTag(host, port));
    call.begin();
    return call;
  }

  @Override
  public HttpClientCall urlConnectionStart(Object connection) {
    if (!clientOn || !(connection instanceof HttpURLConnection http)) {
      return null;
    }
    AgentThread thread = AgentThread.current();
    if (thread.inClient || thread.inAgentWork()) {
      return null;
    }
    try {
      ClientExchange call = connections.start(http);
      if (call != null) {
        // getOutputStream turns a GET into a POST after the first woven call has seen it
        call.changeMethod(http.getRequestMethod());
        thread.inClient = true;
      }
      return call;
    } catch (RuntimeException e) {
      fail(e);
      return null;
    }
  }

  /** The exchange of a connection's request, begun; null when no policy applies to it. */
  ClientExchange newUrlConnectionCall(HttpURLConnection connection) {
    URL url = connection.getURL();
    int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
    ClientExchange call = exchange(URL_CONNECTION, connection.getRequestMethod(), url, null, url.getHost(), port);
    if (call != null && call.retries() && urlConnectionRetryNoted.compareAndSet(false, true)) {
      AgentLog.warn("retry does not apply to HttpURLConnection requests (first seen: " + call.key()
          + "): the JDK keeps a request's state in the one connection object the application reads, which"
          + " cannot be sent twice; its breaker, limiter and bulkhead do apply");
    }
    return call;
  }

  @Override
  public boolean serverActive() {
    if (!serverOn) {
      return true;
    }
    AgentThread thread = AgentThread.current();
    return thread.inServer || thread.inAgentWork();
  }

  @Override
  public HttpServerCall serverStart(int library, String method, String path, String query, String route,
      Object request) {
    if (!serverOn) {
      return null;
    }
    AgentThread thread = AgentThread.current();
    if (thread.inServer || thread.inAgentWork()) {
      return null;
    }
    try {
      Chain chain = chains.server();
      if (chain.isEmpty()) {
        return null;
      }
      ServerExchange call = new ServerExchange(chain, library, method, path, query,
          route == null || route.isEmpty() ? "/" : route, request);
      call.begin();
      thread.inServer = true; // only once the exchange has begun: its end resets it
      return call;
    } catch (RuntimeException e) {
      fail(e);
      return null;
    }
  }

  /** The {@code host} tag: the host, with the port unless it is 80 or 443. */
  private String hostTag(String host, int port) {
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

  private void fail(RuntimeException e) {
    if (failed.compareAndSet(false, true)) {
      AgentLog.warn("an HTTP request could not be recorded (reported once): " + e);
    }
  }
}
