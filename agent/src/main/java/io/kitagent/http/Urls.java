package io.kitagent.http;

/** URLs as they may be logged: never the userinfo ({@code user:password@}), the query only if asked. */
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
    if (scheme >= 0 && at >= authority) {
      return url.substring(0, authority) + url.substring(at + 1, end);
    }
    return end == url.length() ? url : url.substring(0, end);
  }
}
