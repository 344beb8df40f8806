package com.example.clients;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** OkHttp 4, {@code newCall(request).enqueue(callback)}; the answer arrives on OkHttp's dispatcher thread. */
public class OkHttpAsyncClient implements Client {

  private final OkHttpClient client;

  public OkHttpAsyncClient(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public Reply send(String method, URI url, String body) throws Exception {
    CompletableFuture<Reply> result = new CompletableFuture<>();
    client.newCall(OkHttpSyncClient.request(method, url, body)).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        result.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          result.complete(OkHttpSyncClient.reply(response));
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      }
    });
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw Failures.cause(e);
    }
  }
}
