package com.example.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code java.net.HttpURLConnection}; stateless, as the JDK pools the connections itself. */
public class UrlConnectionClient implements Client {

  @Override
  public Reply send(String method, URI url, String body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setRequestMethod(method);
    if (method.equals("POST") || method.equals("PUT")) {
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = connection.getResponseCode();
    Reply reply = new Reply(status, read(status >= 400 ? connection.getErrorStream() : connection.getInputStream()));
    for (Map.Entry<String, List<String>> header : connection.getHeaderFields().entrySet()) {
      header.getValue().forEach(value -> reply.header(header.getKey(), value));
    }
    return reply;
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return ""; // an error answer without a body
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
