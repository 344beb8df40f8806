package com.example.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** {@code java.net.http.HttpClient.send}. */
public class JdkSyncClient implements Client {

  private final HttpClient client;

  public JdkSyncClient(HttpClient client) {
    this.client = client;
  }

  @Override
  public Reply send(String method, URI url, String body) throws Exception {
    return reply(client.send(request(method, url, body), HttpResponse.BodyHandlers.ofString()));
  }

  static HttpRequest request(String method, URI url, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url);
    if (method.equals("POST")) {
      builder.header("Content-Type", "text/plain; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    } else if (method.equals("PUT")) {
      // a stream, as an upload is: the agent does not send it twice
      builder.PUT(HttpRequest.BodyPublishers.ofInputStream(
          () -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder.build();
  }

  static Reply reply(HttpResponse<String> response) {
    Reply reply = new Reply(response.statusCode(), response.body());
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      header.getValue().forEach(value -> reply.header(header.getKey(), value));
    }
    return reply;
  }
}
