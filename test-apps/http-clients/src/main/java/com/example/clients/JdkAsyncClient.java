package com.example.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;

/** {@code java.net.http.HttpClient.sendAsync}, waited on; reports the failure, not its ExecutionException. */
public class JdkAsyncClient implements Client {

  private final HttpClient client;

  public JdkAsyncClient(HttpClient client) {
    this.client = client;
  }

  @Override
  public Reply send(String method, URI url, String body) throws Exception {
    try {
      return client.sendAsync(JdkSyncClient.request(method, url, body), HttpResponse.BodyHandlers.ofString())
          .thenApply(JdkSyncClient::reply)
          .get();
    } catch (ExecutionException e) {
      throw Failures.cause(e);
    }
  }
}
