package io.kitagent.http;

import io.kitagent.bootstrap.HttpCalls;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * A header of the response a client library returned, read through the library's public interfaces:
 * the agent cannot link against the application's libraries, so for Apache HttpClient and OkHttp the
 * methods are looked up from the response's own class loader, once per class.
 */
final class ResponseHeaders {

  private static final ClassValue<Optional<Method[]>> APACHE_5 = reader("org.apache.hc.core5.http.HttpResponse",
      "getFirstHeader", "org.apache.hc.core5.http.NameValuePair", "getValue");
  private static final ClassValue<Optional<Method[]>> APACHE_4 = reader("org.apache.http.HttpMessage",
      "getFirstHeader", "org.apache.http.Header", "getValue");
  private static final ClassValue<Optional<Method[]>> OKHTTP = reader("okhttp3.Response", "header", null, null);

  private ResponseHeaders() {}

  static String read(int library, Object response, String name) {
    try {
      return switch (library) {
        case HttpCalls.JDK_HTTP_CLIENT -> response instanceof java.net.http.HttpResponse<?> r
            ? r.headers().firstValue(name).orElse(null) : null;
        case HttpCalls.URL_CONNECTION -> response instanceof HttpURLConnection c ? c.getHeaderField(name) : null;
        case HttpCalls.APACHE_HTTP_CLIENT_5 -> reflective(APACHE_5, response, name);
        case HttpCalls.APACHE_HTTP_CLIENT_4 -> reflective(APACHE_4, response, name);
        case HttpCalls.OKHTTP -> reflective(OKHTTP, response, name);
        default -> null;
      };
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static String reflective(ClassValue<Optional<Method[]>> reader, Object response, String name)
      throws ReflectiveOperationException {
    Optional<Method[]> methods = reader.get(response.getClass());
    if (methods.isEmpty()) {
      return null;
    }
    Object value = methods.get()[0].invoke(response, name);
    return value == null || methods.get().length == 1 ? (String) value : (String) methods.get()[1].invoke(value);
  }

  /** {@code type.getter(String)}, then {@code valueType.value()} on its result when given. */
  private static ClassValue<Optional<Method[]>> reader(String type, String getter, String valueType, String value) {
    return new ClassValue<>() {
      @Override
      protected Optional<Method[]> computeValue(Class<?> responseClass) {
        try {
          ClassLoader loader = responseClass.getClassLoader();
          Method first = Class.forName(type, false, loader).getMethod(getter, String.class);
          if (valueType == null) {
            return Optional.of(new Method[] {first});
          }
          return Optional.of(new Method[] {first, Class.forName(valueType, false, loader).getMethod(value)});
        } catch (ReflectiveOperationException | LinkageError e) {
          return Optional.empty();
        }
      }
    };
  }
}
