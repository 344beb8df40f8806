package io.kitagent.http;

import static io.kitagent.bootstrap.HttpCalls.URL_CONNECTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.bootstrap.HttpServerCall;
import io.kitagent.bootstrap.MethodCalls;
import io.kitagent.weave.http.HttpWeaving;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.bytebuddy.agent.ByteBuddyAgent;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of the HTTP hooks, checked on each real library woven in this JVM: before a request
 * the hook may send it elsewhere and add headers; after it, the hook learns the status; a server hook
 * may answer early. Later features (discovery, tracing, the inbound limiter) rely on exactly this.
 */
class HttpHooksTest {

  private static final MethodCalls OWNER = new io.kitagent.methods.WovenMethods();

  private static final RewritingHooks HOOKS = new RewritingHooks();
  private static final AtomicInteger HANDLED = new AtomicInteger();
  private static HttpServer server;
  private static int port;

  @BeforeAll
  static void weaveAndStartServer() throws IOException {
    HttpWeaving.install(ByteBuddyAgent.install(), true, true);
    assertTrue(Dispatch.install(OWNER));
    assertTrue(Dispatch.installHttp(OWNER, HOOKS));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      HANDLED.incrementAndGet();
      String seen = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " x-kit-test="
          + exchange.getRequestHeaders().getFirst("x-kit-test");
      byte[] body = seen.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("x-served-by", "test");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    port = server.getAddress().getPort();
    HOOKS.port = port;
  }

  @AfterAll
  static void stop() {
    Dispatch.uninstall(OWNER);
    server.stop(0);
  }

  @Test
  void jdkHttpClientIsSentToTheHooksTargetWithItsHeaders() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://inventory/items")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals("GET /items x-kit-test=jdk-httpclient", response.body());
    HOOKS.awaitEnded("jdk-httpclient", 200);
  }

  @Test
  void urlConnectionIsSentToTheHooksTargetWithItsHeaders() throws Exception {
    HttpURLConnection connection = (HttpURLConnection) new URL("http://inventory/items").openConnection();
    assertEquals(200, connection.getResponseCode());
    try (InputStream in = connection.getInputStream()) {
      assertEquals("GET /items x-kit-test=urlconnection", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    HOOKS.awaitEnded("urlconnection", 200);
  }

  @Test
  void httpsUrlConnectionGoesThroughTheSameHook(@TempDir Path dir) throws Exception {
    SSLContext tls = selfSignedTls(dir);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext("/", exchange -> {
      byte[] body = ("x-kit-test=" + exchange.getRequestHeaders().getFirst("x-kit-test"))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    https.start();
    try {
      HttpsURLConnection connection = (HttpsURLConnection) new URL("https://127.0.0.1:"
          + https.getAddress().getPort() + "/secure").openConnection();
      connection.setSSLSocketFactory(tls.getSocketFactory());
      connection.setHostnameVerifier((host, session) -> true);

      assertEquals(200, connection.getResponseCode());
      try (InputStream in = connection.getInputStream()) {
        assertEquals("x-kit-test=urlconnection-https", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      HOOKS.awaitEnded("urlconnection-https", 200);
    } finally {
      https.stop(0);
    }
  }

  /** A key pair made by the JDK's keytool, used as both the server's key and the client's trust. */
  private static SSLContext selfSignedTls(Path dir) throws Exception {
    Path store = dir.resolve("tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), output);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
    return tls;
  }

  @Test
  void apacheHttpClient5IsSentToTheHooksTargetWithItsHeaders() throws Exception {
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      String body = client.execute(new HttpGet("http://inventory/items"),
          response -> EntityUtils.toString(response.getEntity()));
      assertEquals("GET /items x-kit-test=apache-httpclient-5", body);
    }
    HOOKS.awaitEnded("apache-httpclient-5", 200);
  }

  @Test
  void apacheHttpClient4IsSentToTheHooksTargetWithItsHeaders() throws Exception {
    try (org.apache.http.impl.client.CloseableHttpClient client =
        org.apache.http.impl.client.HttpClients.createDefault();
        org.apache.http.client.methods.CloseableHttpResponse response =
            client.execute(new org.apache.http.client.methods.HttpGet("http://inventory/items"))) {
      assertEquals("GET /items x-kit-test=apache-httpclient-4",
          org.apache.http.util.EntityUtils.toString(response.getEntity()));
    }
    HOOKS.awaitEnded("apache-httpclient-4", 200);
  }

  @Test
  void okHttpIsSentToTheHooksTargetWithItsHeaders() throws Exception {
    OkHttpClient client = new OkHttpClient();
    try (Response response = client.newCall(new Request.Builder().url("http://inventory/items").build()).execute()) {
      assertEquals("GET /items x-kit-test=okhttp", response.body().string());
    }
    HOOKS.awaitEnded("okhttp", 200);
  }

  @Test
  void everyClientHandsItsResponseToTheHookToReadItsHeaders() throws Exception {
    jdkHttpClientIsSentToTheHooksTargetWithItsHeaders();
    urlConnectionIsSentToTheHooksTargetWithItsHeaders();
    apacheHttpClient5IsSentToTheHooksTargetWithItsHeaders();
    apacheHttpClient4IsSentToTheHooksTargetWithItsHeaders();
    okHttpIsSentToTheHooksTargetWithItsHeaders();

    for (String library : List.of("jdk-httpclient", "urlconnection", "apache-httpclient-5", "apache-httpclient-4",
        "okhttp")) {
      assertEquals("test", HOOKS.servedBy.get(library), library);
    }
  }

  @Test
  void aRefusedJdkHttpClientRequestGetsTheRefusalsResponseInTheBodyTypeItAskedFor() throws Exception {
    int handled = HANDLED.get();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://refused/items")).build();

    HttpResponse<String> text = client.send(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<byte[]> bytes = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join();

    assertEquals(503, text.statusCode());
    assertEquals("refused jdk-httpclient", text.body());
    assertEquals("test", text.headers().firstValue("Kit-Refused").orElse(null));
    assertEquals(URI.create("http://refused/items"), text.uri());
    assertEquals("refused jdk-httpclient", new String(bytes.body(), StandardCharsets.UTF_8));
    assertEquals(handled, HANDLED.get(), "nothing was sent");
    HOOKS.awaitEnded("jdk-httpclient", 503, true);
  }

  @Test
  void aRefusedJdkHttpClientRequestCanFailWithAnIoException() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    IOException failure = assertThrows(IOException.class, () -> client.send(
        HttpRequest.newBuilder(URI.create("http://failing/items")).build(), HttpResponse.BodyHandlers.ofString()));
    assertTrue(failure.getMessage().contains("refused by the test: jdk-httpclient"), failure.getMessage());
  }

  @Test
  void aRefusedUrlConnectionFailsWithAnIoExceptionEveryTimeAndSendsNothing() throws Exception {
    int handled = HANDLED.get();
    HttpURLConnection connection = (HttpURLConnection) new URL("http://failing/items").openConnection();

    IOException first = assertThrows(IOException.class, connection::getResponseCode);
    assertTrue(first.getMessage().contains("refused by the test: urlconnection"), first.getMessage());
    assertThrows(IOException.class, connection::getInputStream);
    assertThrows(IOException.class, connection::connect);
    assertEquals(handled, HANDLED.get());
    HOOKS.awaitEnded("urlconnection", -1, true);
  }

  @Test
  void aRefusedApacheHttpClient5RequestGetsTheRefusalsResponseOrItsIoException() throws Exception {
    int handled = HANDLED.get();
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      String answer = client.execute(new HttpGet("http://refused/items"), response -> response.getCode() + " "
          + response.getFirstHeader("Kit-Refused").getValue() + " " + EntityUtils.toString(response.getEntity()));
      assertEquals("503 test refused apache-httpclient-5", answer);
      IOException failure = assertThrows(IOException.class,
          () -> client.execute(new HttpGet("http://failing/items"), response -> response.getCode()));
      assertTrue(failure.getMessage().contains("apache-httpclient-5"), failure.getMessage());
    }
    assertEquals(handled, HANDLED.get());
    HOOKS.awaitEnded("apache-httpclient-5", 503, true);
  }

  @Test
  void aRefusedApacheHttpClient4RequestGetsTheRefusalsResponseOrItsIoException() throws Exception {
    int handled = HANDLED.get();
    try (org.apache.http.impl.client.CloseableHttpClient client =
        org.apache.http.impl.client.HttpClients.createDefault()) {
      try (org.apache.http.client.methods.CloseableHttpResponse response =
          client.execute(new org.apache.http.client.methods.HttpGet("http://refused/items"))) {
        assertEquals(503, response.getStatusLine().getStatusCode());
        assertEquals("test", response.getFirstHeader("Kit-Refused").getValue());
        assertEquals("refused apache-httpclient-4", org.apache.http.util.EntityUtils.toString(response.getEntity()));
      }
      IOException failure = assertThrows(IOException.class,
          () -> client.execute(new org.apache.http.client.methods.HttpGet("http://failing/items")));
      assertTrue(failure.getMessage().contains("apache-httpclient-4"), failure.getMessage());
    }
    assertEquals(handled, HANDLED.get());
    HOOKS.awaitEnded("apache-httpclient-4", 503, true);
  }

  @Test
  void aRefusedOkHttpCallGetsTheRefusalsResponseOrItsIoExceptionSyncAndAsync() throws Exception {
    int handled = HANDLED.get();
    OkHttpClient client = new OkHttpClient();
    try (Response response = client.newCall(new Request.Builder().url("http://refused/items").build()).execute()) {
      assertEquals(503, response.code());
      assertEquals("test", response.header("Kit-Refused"));
      assertEquals("refused okhttp", response.body().string());
    }
    IOException failure = assertThrows(IOException.class,
        () -> client.newCall(new Request.Builder().url("http://failing/items").build()).execute());
    assertTrue(failure.getMessage().contains("okhttp"), failure.getMessage());
    java.util.concurrent.CompletableFuture<Object> async = new java.util.concurrent.CompletableFuture<>();
    client.newCall(new Request.Builder().url("http://failing/items").build()).enqueue(new okhttp3.Callback() {
      @Override
      public void onFailure(okhttp3.Call call, IOException e) {
        async.complete(e);
      }

      @Override
      public void onResponse(okhttp3.Call call, Response response) {
        async.complete(response);
      }
    });
    assertTrue(async.get(5, java.util.concurrent.TimeUnit.SECONDS) instanceof IOException);
    assertEquals(handled, HANDLED.get());
    HOOKS.awaitEnded("okhttp", 503, true);
  }

  @Test
  void aServerHookAnswersEarlyAndTheHandlerNeverRuns() throws Exception {
    int handledBefore = HANDLED.get();
    HttpURLConnection connection =
        (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/limited").openConnection();
    connection.setRequestProperty("x-kit-test", "from the client");

    assertEquals(429, connection.getResponseCode());
    assertEquals("2", connection.getHeaderField("Retry-After"));
    assertEquals("test", connection.getHeaderField("Kit-Refused"));
    try (InputStream error = connection.getErrorStream()) {
      assertEquals("limited\n", new String(error.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(handledBefore, HANDLED.get());
    HOOKS.awaitServerEnded("/limited", 429);
    assertEquals("from the client", HOOKS.requestHeaders.get("/limited"), "the hook reads request headers");
  }

  @Test
  void aServletHookAnswersEarlyAndTheServletNeverRunsAndAnErrorPageIsNoNewRequest() throws Exception {
    AtomicInteger served = new AtomicInteger();
    Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler("/shop");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        served.incrementAndGet();
        response.getWriter().write("served");
      }
    }), "/*");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(404);
      }
    }), "/missing");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write("error page");
      }
    }), "/error-page");
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(404, "/error-page");
    context.setErrorHandler(errors);
    jetty.setHandler(context);
    jetty.start();
    try {
      int jettyPort = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
      HttpURLConnection limited =
          (HttpURLConnection) new URL("http://127.0.0.1:" + jettyPort + "/shop/limited").openConnection();
      limited.setRequestProperty("x-kit-test", "to jetty");
      HttpURLConnection open =
          (HttpURLConnection) new URL("http://127.0.0.1:" + jettyPort + "/shop/open").openConnection();

      assertEquals(429, limited.getResponseCode());
      assertEquals("2", limited.getHeaderField("Retry-After"));
      try (InputStream error = limited.getErrorStream()) {
        assertEquals("limited\n", new String(error.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertEquals("to jetty", HOOKS.requestHeaders.get("/shop/limited"));
      assertEquals(0, served.get());
      assertEquals(200, open.getResponseCode());
      assertEquals(1, served.get());
      HOOKS.awaitServerEnded("/shop/limited", 429);
      HOOKS.awaitServerEnded("/shop/open", 200);

      HttpURLConnection missing =
          (HttpURLConnection) new URL("http://127.0.0.1:" + jettyPort + "/shop/missing").openConnection();
      assertEquals(404, missing.getResponseCode());
      HOOKS.awaitServerEnded("/shop/missing", 404);
      assertEquals(List.of("server /shop/missing 404"),
          HOOKS.ended.stream().filter(e -> e.startsWith("server /shop/")).filter(e -> !e.contains("limited")
              && !e.contains("open")).toList(), "the error page is part of the request, not another one");
    } finally {
      jetty.stop();
    }
  }

  /**
   * Sends requests for host {@code inventory} to the test server, with a header naming the library;
   * refuses those for host {@code refused} with a 503 and those for {@code failing} with the
   * library's IOException; refuses server requests to a path ending in {@code /limited} with a 429.
   * Records each end with the response header {@code x-served-by}, and each server request's
   * {@code x-kit-test} header.
   */
  static final class RewritingHooks implements HttpCalls {
    volatile int port;
    final List<String> ended = new CopyOnWriteArrayList<>();
    final Map<String, String> servedBy = new ConcurrentHashMap<>();
    final Map<String, String> requestHeaders = new ConcurrentHashMap<>();
    final Map<Object, HttpClientCall> connections = new ConcurrentHashMap<>();
    final ThreadLocal<Boolean> inServer = ThreadLocal.withInitial(() -> false);

    @Override
    public HttpClientCall clientStart(int library, String method, Object url, String path, String host,
        int port) {
      return call(library, HttpRuntime.library(library), path == null ? url.toString() : url + path, host);
    }

    private Call call(int library, String name, String url, String host) {
      return switch (host) {
        case "inventory" -> new Call(library, name, url, 0);
        case "refused" -> new Call(library, name, url, 503);
        case "failing" -> new Call(library, name, url, -1);
        default -> null;
      };
    }

    @Override
    public HttpClientCall urlConnectionStart(Object connection) {
      java.net.URL url = ((HttpURLConnection) connection).getURL();
      String library = url.getProtocol().equals("https") ? "urlconnection-https" : "urlconnection";
      String host = url.getProtocol().equals("https") && url.getHost().equals("127.0.0.1") ? "inventory" : url.getHost();
      if (call(URL_CONNECTION, library, url.toString(), host) == null) {
        return null;
      }
      Call call = (Call) connections.computeIfAbsent(connection, c -> call(URL_CONNECTION, library, url.toString(), host));
      return call.done && call.refusal == null ? null : call;
    }

    @Override
    public boolean serverActive() {
      return inServer.get();
    }

    /** As the agent's runtime does: a request nested in one on the same thread is not another. */
    @Override
    public HttpServerCall serverStart(int library, String method, String path, String query, String route,
        Object request) {
      if (inServer.get()) {
        return null;
      }
      inServer.set(true);
      String header = RequestHeaders.read(library, request, "x-kit-test");
      if (header != null) {
        requestHeaders.put(path, header);
      }
      return new HttpServerCall() {
        private final HttpRefusal refusal = path.endsWith("/limited")
            ? new HttpRefusal(this, 429, "Too Many Requests", new String[] {"Kit-Refused", "test", "Retry-After", "2"},
                "limited\n".getBytes(StandardCharsets.UTF_8), "limited") : null;

        @Override
        public HttpRefusal refusalAnswer() {
          return refusal;
        }

        @Override
        public void detach(Throwable error) {
          inServer.set(false);
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
          return null;
        }

        @Override
        public void end(int status, Throwable error) {
          inServer.set(false);
          ended.add("server " + path + " " + status);
          synchronized (RewritingHooks.this) {
            RewritingHooks.this.notifyAll();
          }
        }
      };
    }

    void awaitEnded(String library, int status) throws InterruptedException {
      await(library + " " + status);
    }

    void awaitEnded(String library, int status, boolean refused) throws InterruptedException {
      await(library + " " + status + (refused ? " refused" : ""));
    }

    void awaitServerEnded(String path, int status) throws InterruptedException {
      await("server " + path + " " + status);
    }

    /** The JDK client reports from its executor, just after the response reached the caller. */
    private void await(String entry) throws InterruptedException {
      long deadline = System.nanoTime() + 5_000_000_000L;
      synchronized (this) {
        while (!ended.contains(entry) && System.nanoTime() < deadline) {
          wait(50);
        }
      }
      assertTrue(ended.contains(entry), () -> entry + " not among " + ended);
    }

    /** {@code refusedWith}: 0 to send, a status to refuse with, -1 to refuse with the IOException. */
    final class Call implements HttpClientCall {
      final int libraryId;
      final String library;
      final String url;
      final HttpRefusal refusal;
      volatile boolean done;

      Call(int libraryId, String library, String url, int refusedWith) {
        this.libraryId = libraryId;
        this.library = library;
        this.url = url;
        this.refusal = refusedWith == 0 ? null : refusedWith < 0
            ? new HttpRefusal(this, 0, "", new String[0], new byte[0], "refused by the test: " + library)
            : new HttpRefusal(this, refusedWith, "Service Unavailable", new String[] {"Kit-Refused", "test"},
                ("refused " + library).getBytes(StandardCharsets.UTF_8), "refused");
      }

      @Override
      public HttpRefusal refusalAnswer() {
        return refusal;
      }

      @Override
      public String target() {
        return url.replace("http://inventory/", "http://127.0.0.1:" + port + "/");
      }

      @Override
      public String[] headers() {
        return new String[] {"x-kit-test", library};
      }

      @Override
      public boolean retry(int status, Throwable error, Object response, boolean replayable) {
        return false;
      }

      @Override
      public Object retrying(Object handler, Object client, Object request, boolean sendable) {
        return handler;
      }

      @Override
      public java.util.concurrent.CompletableFuture<?> follow(java.util.concurrent.CompletableFuture<?> future) {
        future.whenComplete(this);
        return future;
      }

      @Override
      public void end(int status, Throwable error, Object response) {
        done = true;
        String served = response == null ? null : ResponseHeaders.read(libraryId, response, "x-served-by");
        if (served != null) {
          servedBy.put(library, served);
        }
        ended.add(library + " " + status + (refusal == null ? "" : " refused"));
        synchronized (RewritingHooks.this) {
          RewritingHooks.this.notifyAll();
        }
      }

      @Override
      public void detach() {}

      @Override
      public void accept(Object response, Throwable error) {
        end(response instanceof HttpResponse<?> r ? r.statusCode() : -1, error, response);
      }
    }
  }
}
