package com.example.clients;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/** Apache HttpClient 5 classic, with the library's defaults. */
public class Apache5Client implements Client {

  private final CloseableHttpClient client = HttpClients.createDefault();

  // Reads any status: unlike BasicHttpClientResponseHandler it does not throw on >= 400.
  private final HttpClientResponseHandler<Reply> handler = response -> {
    Reply reply = new Reply(response.getCode(),
        response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    for (Header header : response.getHeaders()) {
      reply.header(header.getName(), header.getValue());
    }
    return reply;
  };

  @Override
  public Reply send(String method, URI url, String body) throws IOException {
    return client.execute(request(method, url, body), handler);
  }

  private static HttpUriRequestBase request(String method, URI url, String body) {
    switch (method) {
      case "POST":
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(body, ContentType.create("text/plain", StandardCharsets.UTF_8)));
        return post;
      case "PUT":
        // a stream: the entity is not repeatable, so neither the library nor an agent may send it twice
        HttpPut put = new HttpPut(url);
        put.setEntity(new InputStreamEntity(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
            ContentType.create("text/plain", StandardCharsets.UTF_8)));
        return put;
      case "DELETE":
        return new HttpDelete(url);
      default:
        return new HttpGet(url);
    }
  }
}
