package io.kitagent.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * One outgoing HTTP request, from {@link Dispatch#httpClientStart}. Before sending, the advice of
 * each client library checks {@link #refusalAnswer}: when a policy refused the request, nothing is sent and
 * the advice answers with the refusal (a response made in the process, or the library's
 * {@code IOException}). Otherwise it applies {@link #target()} and {@link #headers()} to the request
 * with the library's own API. It reports the end with {@link #end} on the same thread; or, for a
 * response that completes later, calls {@link #detach} when the woven method returns and hands the
 * call to the response's future ({@link #follow}).
 *
 * <p>A failed attempt may be sent again ({@link #retry}): the advice then runs the library's send once
 * more on the same thread, and that nested send finds this call rather than a new one, takes its
 * {@link #target} and {@link #headers} (or answers its refusal) and ends it.
 */
public interface HttpClientCall extends BiConsumer<Object, Throwable> {

  /** For {@code HttpRequest.newBuilder(request, filter)}: keep every header of the request. */
  BiPredicate<String, String> ALL_HEADERS = new AllHeaders();

  /** Why and how a policy refused the request, or null to send it. */
  HttpRefusal refusalAnswer();

  /** The absolute URL to send the request to instead of its own, or null to leave it. */
  String target();

  /** Headers to set on the request (name, value, name, value, ...); empty for none. */
  String[] headers();

  /**
   * The request got a response with {@code status}, or failed with {@code error} (status -1).
   * {@code response} is the library's response object (or the connection), for reading its headers.
   */
  void end(int status, Throwable error, Object response);

  /** The woven method returned before the response: the thread is free, {@link #accept} ends it. */
  void detach();

  /**
   * The attempt got {@code status} (or failed with {@code error}, status -1): true when a retry policy
   * sends it again. The advice then closes {@code response} and sends the request again through the
   * library's own entry, on this thread; that send's advice waits, begins the next attempt and ends
   * the call. The advice calls {@link #end} after that all the same (nothing happens once the call
   * has ended). False: end the call as usual. {@code sendable}: the library can send the request's
   * body again and the application has not cancelled it.
   */
  boolean retry(int status, Throwable error, Object response, boolean sendable);

  /**
   * JDK HttpClient, before sending: the body handler to send with. With a retry policy, one that
   * looks at each attempt's status first, so that the application's handler never reads the body of
   * an attempt that is sent again; retries go through {@code client}'s public
   * {@code sendAsync(request, handler)}. Otherwise {@code handler} itself.
   */
  Object retrying(Object handler, Object client, Object request, boolean sendable);

  /** JDK HttpClient: the future to give the application, which ends this call when it completes. */
  CompletableFuture<?> follow(CompletableFuture<?> future);

  /** The response future completed: {@code response} is the library's response object, or null. */
  @Override
  void accept(Object response, Throwable error);

  /** A predicate that keeps every header. */
  final class AllHeaders implements BiPredicate<String, String> {
    @Override
    public boolean test(String name, String value) {
      return true;
    }
  }
}
