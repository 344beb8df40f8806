package com.example.clients;

import java.io.IOException;
import java.net.URI;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** OkHttp 4, {@code newCall(request).execute()}. */
public class OkHttpSyncClient implements Client {

  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final OkHttpClient client;

  public OkHttpSyncClient(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public Reply send(String method, URI url, String body) throws IOException {
    try (Response response = client.newCall(request(method, url, body)).execute()) {
      return reply(response);
    }
  }

  static Request request(String method, URI url, String body) {
    Request.Builder builder = new Request.Builder().url(url.toString());
    if (method.equals("POST")) {
      builder.post(RequestBody.create(body, TEXT));
    } else if (method.equals("PUT")) {
      builder.put(oneShot(body));
    } else if (method.equals("DELETE")) {
      builder.delete();
    }
    return builder.build();
  }

  /** A body written from a stream once, as an upload is: OkHttp never sends it twice. */
  private static RequestBody oneShot(String body) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return TEXT;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws IOException {
        sink.writeUtf8(body);
      }
    };
  }

  static Reply reply(Response response) throws IOException {
    ResponseBody body = response.body();
    Reply reply = new Reply(response.code(), body == null ? "" : body.string());
    for (String name : response.headers().names()) {
      response.headers(name).forEach(value -> reply.header(name, value));
    }
    return reply;
  }
}
