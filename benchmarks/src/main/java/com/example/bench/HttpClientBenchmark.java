package com.example.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.util.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code GET /ping} through each client library to a JDK {@code HttpServer} on loopback in the
 * same JVM. Every client is built once and keeps its connection alive, as an application's would,
 * and each call reads the whole body, so a request is one round trip on a warm connection.
 * scripts/bench-http runs it without the agent and with {@code -javaagent:…=config=bench-http.yaml}
 * (only {@code http.client} is on: the server side is not woven).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HttpClientBenchmark {

  static {
    // The JDK server writes the headers and the body in two packets; with Nagle's algorithm on its
    // socket, the body waits for the client's delayed ACK and every request takes ~40 ms. Read once,
    // when the server's config class loads, so before the first HttpServer.create.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final byte[] PONG = "pong\n".getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  private ExecutorService serverThreads;
  private URI uri;
  private URL url;

  private HttpClient jdk;
  private org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache5;
  private org.apache.http.impl.client.CloseableHttpClient apache4;
  private OkHttpClient okhttp;

  /** Reads the body so the connection goes back to the pool, and answers the status. */
  private final HttpClientResponseHandler<Integer> apache5Handler = response -> {
    org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
    return response.getCode();
  };

  @Setup(Level.Trial)
  public void start() throws IOException {
    serverThreads = Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task, "ping-server");
      thread.setDaemon(true);
      return thread;
    });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ping", HttpClientBenchmark::pong);
    server.setExecutor(serverThreads);
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
    url = uri.toURL();

    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    apache5 = org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
    apache4 = org.apache.http.impl.client.HttpClients.createDefault();
    okhttp = new OkHttpClient();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    apache5.close();
    apache4.close();
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private static void pong(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, PONG.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(PONG);
    }
  }

  @Benchmark
  public int jdkHttpClient() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
    return jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
  }

  @Benchmark
  public int urlConnection() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    int status = connection.getResponseCode();
    // Reading to the end and closing hands the connection back to the keep-alive cache.
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
    return status;
  }

  @Benchmark
  public int apacheHttpClient5() throws IOException {
    return apache5.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(uri), apache5Handler);
  }

  @Benchmark
  public int apacheHttpClient4() throws IOException {
    try (CloseableHttpResponse response = apache4.execute(new org.apache.http.client.methods.HttpGet(uri))) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  @Benchmark
  public int okHttp() throws IOException {
    Request request = new Request.Builder().url(url).build();
    try (Response response = okhttp.newCall(request).execute()) {
      response.body().bytes();
      return response.code();
    }
  }
}
