package io.kitagent.bootstrap;

/**
 * What the agent does around HTTP requests. Each start returns null when the request is not recorded:
 * that side is off, it is nested in a request already recorded on this thread (a client delegating
 * to another, a filter chain), or the agent itself makes or serves it. Implementations must not throw.
 */
public interface HttpCalls {

  HttpCalls NONE = new HttpCalls() {
    @Override
    public HttpClientCall clientStart(int library, String method, Object url, String path, String host,
        int port) {
      return null;
    }

    @Override
    public HttpClientCall urlConnectionStart(Object connection) {
      return null;
    }

    @Override
    public boolean serverActive() {
      return true;
    }

    @Override
    public HttpServerCall serverStart(int library, String method, String path, String query,
        String route, Object request) {
      return null;
    }
  };

  /** Library ids woven into the advice, so that the agent can name the library in events. */
  int JDK_HTTP_CLIENT = 0;
  int URL_CONNECTION = 1;
  int APACHE_HTTP_CLIENT_5 = 2;
  int APACHE_HTTP_CLIENT_4 = 3;
  int OKHTTP = 4;
  int JDK_HTTP_SERVER = 5;
  int SERVLET = 6;

  /**
   * An outgoing request is about to be sent to the absolute URL {@code url + path} ({@code path} may
   * be null). Both are what the library holds already (a {@code URI}, an {@code HttpUrl}, an
   * {@code HttpHost} and its request path), turned into text only when a policy needs the URL, so
   * that a request that is only measured builds no string. {@code host} and {@code port} (-1: the
   * scheme's default) are passed apart so that the agent finds its meters without parsing.
   */
  HttpClientCall clientStart(int library, String method, Object url, String path, String host, int port);

  /**
   * A {@code java.net.HttpURLConnection} is about to connect, send or read. It is one request however
   * many of those methods run: the agent keeps the call per connection, returns it to the outermost
   * woven method of the thread, and null to nested ones.
   */
  HttpClientCall urlConnectionStart(Object connection);

  /**
   * An incoming request is about to be handled. {@code query} is the raw query string or null;
   * {@code route} is the context path or servlet mapping that matched (not the raw path), so that
   * metrics stay few; {@code request} is the library's request object, from which policies read
   * request headers.
   */
  HttpServerCall serverStart(int library, String method, String path, String query, String route,
      Object request);

  /**
   * Whether {@link #serverStart} would return null whatever the request: the side is off, or this
   * thread is inside a recorded request already. Advice asks first, so that the nested levels of a
   * request (each filter of a chain, then the servlet) read nothing from it.
   */
  boolean serverActive();
}
