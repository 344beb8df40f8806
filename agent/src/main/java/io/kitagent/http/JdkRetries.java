package io.kitagent.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The retries of one JDK {@code HttpClient} request. As the request's body handler, it sees each
 * attempt's status before its body: an attempt the retry policy sends again has its body discarded,
 * so the application's handler (a file, a consumer of bytes) only ever reads the answer it gets. As
 * the follower of each attempt's future, it sends the request again with the client's public
 * {@code sendAsync} once the wait is over, without holding a thread while it waits. The application's
 * future completes with the last attempt; cancelling it cancels the attempt in flight and stops the
 * retries.
 */
final class JdkRetries implements BiConsumer<Object, Throwable>, HttpResponse.BodyHandler<Object> {

  /** The JDK's publishers that give the same bytes to every subscriber: {@code ofString}, {@code ofByteArray}, {@code ofFile}, {@code noBody}. */
  private static final Set<String> REPLAYABLE = Set.of("ByteArrayPublisher", "StringPublisher", "FilePublisher",
      "EmptyPublisher");
  private static final long NO_RETRY = -1;

  private final ClientExchange call;
  private final HttpClient client;
  private final HttpRequest request;
  private final HttpResponse.BodyHandler<?> handler;
  private final boolean sendable;
  private final Result result = new Result();
  /** The wait before the next attempt, once the status of this one said it is retried. */
  private volatile long pendingWait = NO_RETRY;
  private volatile CompletableFuture<?> current;
  /** The attempt in flight got its status: a failure after it (reading the body) is not retried. */
  private volatile boolean answered;
  private volatile boolean followed;

  JdkRetries(ClientExchange call, HttpClient client, HttpRequest request, HttpResponse.BodyHandler<?> handler,
      boolean sendable) {
    this.call = call;
    this.client = client;
    this.request = request;
    this.handler = handler;
    this.sendable = sendable;
  }

  /**
   * Whether the request's body can be sent twice: none, or one of the JDK's publishers of fixed
   * bytes. A publisher of a stream ({@code ofInputStream}) or the application's own may give its
   * bytes only once.
   */
  static boolean replayable(HttpRequest request) {
    return request.bodyPublisher().map(body -> body.getClass().getName().startsWith("jdk.internal.net.http.")
        && REPLAYABLE.contains(body.getClass().getSimpleName())).orElse(true);
  }

  /** The first attempt's future: the application gets one of the last attempt; a retry's own is followed by {@link #sendAgain}. */
  CompletableFuture<?> follow(CompletableFuture<?> future) {
    if (followed) {
      return future;
    }
    followed = true;
    current = future;
    future.whenComplete(this);
    return result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public HttpResponse.BodySubscriber<Object> apply(HttpResponse.ResponseInfo info) {
    answered = true;
    long wait = NO_RETRY;
    if (!result.isDone()) {
      try {
        wait = call.endAttempt(info.statusCode(), null, null, sendable);
      } catch (RuntimeException e) {
        wait = NO_RETRY;
      }
    }
    if (wait < 0) {
      return (HttpResponse.BodySubscriber<Object>) handler.apply(info);
    }
    pendingWait = wait;
    return HttpResponse.BodySubscribers.replacing(null);
  }

  @Override
  public void accept(Object response, Throwable error) {
    long wait = pendingWait;
    pendingWait = NO_RETRY;
    if (wait < 0 && !answered && error != null && !result.isDone()) {
      try {
        wait = call.endAttempt(-1, error, null, sendable); // no answer: a refused connection, a timeout
      } catch (RuntimeException e) {
        wait = NO_RETRY;
      }
    }
    if (wait < 0 || result.isDone()) {
      call.accept(response, error);
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(response);
      }
      discardIfDropped(response);
      return;
    }
    if (wait == 0) {
      sendAgain();
    } else {
      CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(this::sendAgain);
    }
  }

  private void sendAgain() {
    if (result.isDone()) {
      call.accept(null, new CancellationException("the application cancelled the request before its retry"));
      return;
    }
    answered = false;
    CompletableFuture<?> next;
    try {
      call.markResend();
      next = client.sendAsync(request, this);
    } catch (Throwable t) {
      next = CompletableFuture.failedFuture(t);
    } finally {
      call.sent();
    }
    current = next;
    if (result.isCancelled()) {
      next.cancel(true);
    }
    next.whenComplete(this);
  }

  /** A response the application no longer waits for: a body it would have read as a stream is closed. */
  private void discardIfDropped(Object response) {
    if (result.isCancelled() && response instanceof HttpResponse<?> r && r.body() instanceof AutoCloseable body) {
      try {
        body.close();
      } catch (Exception e) {
        // the connection is the client's to reclaim
      }
    }
  }

  /** The application's future: cancelling it cancels the attempt in flight, as the JDK's own future does. */
  private final class Result extends CompletableFuture<Object> {
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      CompletableFuture<?> attempt = current;
      if (attempt != null) {
        attempt.cancel(mayInterruptIfRunning);
      }
      return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }
}
