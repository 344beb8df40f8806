package com.example.first;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Starts a server and sends it one request with each of HttpURLConnection, the JDK HttpClient and
 * OkHttp, as the very first things {@code main} does; prints each status, then "done", then waits to
 * be stopped.
 */
public final class FirstRequestsApp {

  private FirstRequestsApp() {}

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "first".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    HttpURLConnection connection = (HttpURLConnection) new URL(base + "/urlconnection").openConnection();
    int first = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
    int second = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/jdk")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
    int third;
    try (Response response = new OkHttpClient().newCall(new Request.Builder().url(base + "/okhttp").build()).execute()) {
      third = response.code();
    }

    System.out.println("urlconnection " + first + ", jdk " + second + ", okhttp " + third);
    System.out.println("done");
    Thread.sleep(Long.MAX_VALUE);
  }
}
