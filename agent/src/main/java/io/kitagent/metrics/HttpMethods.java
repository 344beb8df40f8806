package io.kitagent.metrics;

/**
 * HTTP methods as tag values: the standard ones as they are, anything else as {@code other}, since a
 * client may send any token and each would be a new series.
 */
final class HttpMethods {

  private static final String[] STANDARD =
      {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT"};

  private HttpMethods() {}

  static String known(String method) {
    for (String standard : STANDARD) {
      if (standard.equals(method)) {
        return standard;
      }
    }
    return "other";
  }
}
