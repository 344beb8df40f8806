package io.kitagent.bootstrap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to answer an HTTP request that a policy refused: a response with {@link #status}, headers and
 * body, or (status 0, clients only) the {@link IOException} of {@link #error()}. Client advice returns
 * it from its enter method, which then skips the library's method ({@code skipOn}), and answers it on
 * exit; it carries the {@link #call} so that the exit can report the end.
 */
public final class HttpRefusal {

  private final Object call;
  private final int status;
  private final String reason;
  private final String[] headers;
  private final byte[] body;
  private final String message;

  /** {@code headers}: name, value, name, value, ...; {@code message}: of the IOException when status is 0. */
  public HttpRefusal(Object call, int status, String reason, String[] headers, byte[] body, String message) {
    this.call = call;
    this.status = status;
    this.reason = reason;
    this.headers = headers.clone();
    this.body = body.clone();
    this.message = message;
  }

  /** The {@link HttpClientCall} or {@link HttpServerCall} refused. */
  public Object call() {
    return call;
  }

  public HttpClientCall clientCall() {
    return (HttpClientCall) call;
  }

  /** The status to answer, or 0 when the request fails with {@link #error()} instead. */
  public int status() {
    return status;
  }

  /** The reason phrase of the status, e.g. {@code Service Unavailable}. */
  public String reason() {
    return reason;
  }

  /** Name, value, name, value, ...; the advice only reads it. */
  public String[] headers() {
    return headers;
  }

  /** The body; the advice only reads it. */
  public byte[] body() {
    return body;
  }

  /** The headers as a map of lists, for APIs that take one. */
  public Map<String, List<String>> headerMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      map.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
    }
    return map;
  }

  /** A new exception for each refused request: the library's own type, as a connection failure would be. */
  public IOException error() {
    return new IOException(message);
  }

  /** The parts of a {@code java.net.http.HttpResponse} made without sending, for the JDK client's advice. */
  public SyntheticResponse synthetic() {
    return new SyntheticResponse(this);
  }
}
