package io.kitagent.bootstrap;

import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * One outgoing HTTP request, from {@link Dispatch#httpClientStart}. The advice of each client library
 * applies {@link #target()} and the headers to its request before it is sent, and reports the end
 * with {@link #end} on the same thread; or, for a response that completes later, calls
 * {@link #detach} when the woven method returns and hands the call to the response's future
 * ({@code future.whenComplete(call)}).
 */
public abstract class HttpClientCall implements BiConsumer<Object, Throwable> {

  /** For {@code HttpRequest.newBuilder(request, filter)}: keep every header of the request. */
  public static final BiPredicate<String, String> ALL_HEADERS = new AllHeaders();

  /** The absolute URL to send the request to instead of its own, or null to leave it. */
  public abstract String target();

  /** Headers to add to the request (name, value, name, value, ...); empty for none. */
  public abstract String[] headers();

  /** The request got a response with {@code status}, or failed with {@code error} (status -1). */
  public abstract void end(int status, Throwable error);

  /** The woven method returned before the response: the thread is free, {@link #accept} ends it. */
  public abstract void detach();

  /** The response future completed: {@code response} is the library's response object, or null. */
  @Override
  public abstract void accept(Object response, Throwable error);

  private static final class AllHeaders implements BiPredicate<String, String> {
    @Override
    public boolean test(String name, String value) {
      return true;
    }
  }
}
