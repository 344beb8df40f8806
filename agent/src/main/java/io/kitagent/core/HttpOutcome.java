package io.kitagent.core;

/**
 * Micrometer's {@code outcome} tag of an HTTP status, and {@code REFUSED} for an exchange a policy
 * refused (whatever status it was answered with), so that injected and real failures stay apart.
 */
public final class HttpOutcome {

  public static final String REFUSED = "REFUSED";

  private HttpOutcome() {}

  /** The outcome of an exchange: refused, else by its status. */
  public static String of(Exchange exchange) {
    return exchange.refused() ? REFUSED : of(exchange.status());
  }

  public static String of(int status) {
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    } else if (status >= 200 && status < 300) {
      return "SUCCESS";
    } else if (status >= 300 && status < 400) {
      return "REDIRECTION";
    } else if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    } else if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }
}
