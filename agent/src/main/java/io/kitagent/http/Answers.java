package io.kitagent.http;

import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.config.OnReject;
import io.kitagent.core.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP refusal as the advice answers it, from the refusing policy's {@code onReject}: a response
 * with the status, headers and body (by default 503 and a body saying why), or for a client with
 * {@code throw: io} the library's {@code IOException}. Every answer says why in a {@code X-Kit-Refused}
 * header (its value the policy's word, e.g. {@code fault}) or in the exception's message.
 */
final class Answers {

  static final String HEADER = "X-Kit-Refused";

  private Answers() {}

  /** {@code more} are headers the refusing policy added (name, value, …), after the onReject's own. */
  static HttpRefusal of(Object call, Refusal refusal, String request, String[] more) {
    OnReject onReject = refusal.answer() instanceof OnReject given ? given : null;
    String why = refusal.describe();
    if (onReject != null && onReject.throwsIo()) {
      String message = onReject.message() != null ? onReject.message() : why + ": " + request;
      return new HttpRefusal(call, 0, "", new String[0], new byte[0], message);
    }
    int status = onReject == null || onReject.status() <= 0 ? OnReject.DEFAULT_STATUS : onReject.status();
    List<String> headers = new ArrayList<>();
    boolean typed = false;
    if (onReject != null) {
      for (Map.Entry<String, String> header : onReject.headers().entrySet()) {
        headers.add(header.getKey());
        headers.add(header.getValue());
        typed |= header.getKey().equalsIgnoreCase("Content-Type");
      }
    }
    headers.addAll(java.util.Arrays.asList(more));
    if (!typed) {
      headers.add("Content-Type");
      headers.add("text/plain; charset=utf-8");
    }
    headers.add(HEADER);
    headers.add(refusal.reason());
    String body = onReject != null && onReject.body() != null ? onReject.body() : why + "\n";
    return new HttpRefusal(call, status, reason(status), headers.toArray(new String[0]),
        body.getBytes(StandardCharsets.UTF_8), why);
  }

  /** The reason phrase of the statuses a refusal is likely to use; {@code Refused} for the rest. */
  static String reason(int status) {
    return switch (status) {
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Refused";
    };
  }
}
