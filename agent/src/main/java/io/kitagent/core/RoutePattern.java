package io.kitagent.core;

/**
 * A route pattern of {@code routes} of {@code http.server.limiter} and {@code .bulkhead}: a path where {@code *} stands for any
 * characters ({@code /orders/*} matches {@code /orders/7/items}). Matched piece by piece, in time
 * linear in the path, with no regular expression.
 */
public final class RoutePattern {

  private final String text;
  private final String[] pieces;

  public RoutePattern(String text) {
    this.text = text;
    this.pieces = text.split("\\*", -1);
  }

  public String text() {
    return text;
  }

  public boolean matches(String path) {
    if (path == null) {
      return false;
    }
    if (pieces.length == 1) {
      return path.equals(text);
    }
    String first = pieces[0];
    String last = pieces[pieces.length - 1];
    if (!path.startsWith(first) || path.length() < first.length() + last.length()) {
      return false;
    }
    int at = first.length();
    int end = path.length() - last.length();
    for (int i = 1; i < pieces.length - 1; i++) {
      int found = path.indexOf(pieces[i], at);
      if (found < 0 || found + pieces[i].length() > end) {
        return false;
      }
      at = found + pieces[i].length();
    }
    return path.startsWith(last, end);
  }
}
