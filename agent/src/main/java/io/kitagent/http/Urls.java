package io.kitagent.http;

/**
 * URLs and paths as they may be logged: never the userinfo ({@code user:password@}); the query and
 * path parameters ({@code ;jsessionid=...}) only if asked, since both often carry secrets.
 */
final class Urls {

  private Urls() {}

  static String forLog(String url, boolean withQuery) {
    if (url == null) {
      return "";
    }
    int end = url.indexOf('#');
    if (end < 0) {
      end = url.length();
    }
    if (!withQuery) {
      int query = url.indexOf('?');
      if (query >= 0 && query < end) {
        end = query;
      }
    }
    int scheme = url.indexOf("://");
    int authority = scheme < 0 ? 0 : scheme + 3;
    int authorityEnd = authority;
    while (authorityEnd < end && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    int at = url.lastIndexOf('@', authorityEnd - 1);
    String kept;
    if (scheme >= 0 && at >= authority) {
      kept = url.substring(0, authority) + url.substring(at + 1, end);
      authorityEnd -= at + 1 - authority;
    } else {
      kept = end == url.length() ? url : url.substring(0, end);
    }
    return withQuery ? kept : withoutPathParameters(kept, authorityEnd);
  }

  /** A path as it may be logged. */
  static String pathForLog(String path, String query, boolean withQuery) {
    if (path == null) {
      return "";
    }
    return withQuery ? (query == null ? path : path + "?" + query) : withoutPathParameters(path, 0);
  }

  /** Cuts each {@code ;...} up to the next {@code /} from {@code from} on. */
  private static String withoutPathParameters(String text, int from) {
    int semicolon = text.indexOf(';', from);
    if (semicolon < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, semicolon);
    for (int i = semicolon; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ';') {
        int slash = text.indexOf('/', i);
        if (slash < 0) {
          break;
        }
        i = slash;
        c = '/';
      }
      out.append(c);
    }
    return out.toString();
  }
}
