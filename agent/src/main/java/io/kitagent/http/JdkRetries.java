package io.kitagent.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The retries of one JDK {@code HttpClient} request, whose response completes a future: each attempt's
 * answer is looked at when it comes; one that is retried is discarded and the request sent again with
 * the client's public {@code sendAsync} once the retry's wait is over, without holding a thread while
 * it waits. The application's future completes with the last attempt.
 */
final class JdkRetries implements BiConsumer<Object, Throwable> {

  private final ClientExchange call;
  private final HttpClient client;
  private final HttpRequest request;
  private final HttpResponse.BodyHandler<?> handler;
  private final boolean replayable;
  private final CompletableFuture<Object> result = new CompletableFuture<>();

  JdkRetries(ClientExchange call, HttpClient client, HttpRequest request, HttpResponse.BodyHandler<?> handler,
      boolean replayable) {
    this.call = call;
    this.client = client;
    this.request = request;
    this.handler = handler;
    this.replayable = replayable;
  }

  CompletableFuture<?> follow(CompletableFuture<?> first) {
    first.whenComplete(this);
    return result;
  }

  @Override
  public void accept(Object response, Throwable error) {
    long wait;
    try {
      int status = response instanceof HttpResponse<?> r ? r.statusCode() : -1;
      wait = call.endAttempt(status, error, response, replayable);
    } catch (RuntimeException e) {
      wait = -1;
    }
    if (wait < 0) {
      call.accept(response, error);
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(response);
      }
      return;
    }
    discard(response);
    if (wait == 0) {
      sendAgain();
    } else {
      CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(this::sendAgain);
    }
  }

  private void sendAgain() {
    CompletableFuture<?> next;
    try {
      call.sendAgain();
      next = client.sendAsync(request, handler);
    } catch (Throwable t) {
      next = CompletableFuture.failedFuture(t);
    } finally {
      call.sent();
    }
    next.whenComplete(this);
  }

  /** A body the handler has not read (a stream) is closed, so that its connection is freed. */
  private static void discard(Object response) {
    if (response instanceof HttpResponse<?> r && r.body() instanceof AutoCloseable body) {
      try {
        body.close();
      } catch (Exception e) {
        // the retry goes on; the connection is the client's to reclaim
      }
    }
  }
}
