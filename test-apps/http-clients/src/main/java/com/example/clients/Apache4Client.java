package com.example.clients;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.http.Header;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Apache HttpClient 4.5, the older API many applications still use. */
public class Apache4Client implements Client {

  private final CloseableHttpClient client = HttpClients.createDefault();

  @Override
  public Reply send(String method, URI url, String body) throws IOException {
    try (CloseableHttpResponse response = client.execute(request(method, url, body))) {
      Reply reply = new Reply(response.getStatusLine().getStatusCode(),
          response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
      for (Header header : response.getAllHeaders()) {
        reply.header(header.getName(), header.getValue());
      }
      return reply;
    }
  }

  private static HttpRequestBase request(String method, URI url, String body) {
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
