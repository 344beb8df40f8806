package io.kitagent.it.harness;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the http-clients test-app: {@code GET /call?client=&method=&url=} makes one request with that
 * client library and answers a report, {@code status=…, body=…, header.…=…} or {@code error=…, message=…}.
 */
public final class ClientCalls {

  /** Every client the app has: each library, and the async style of those that have one. */
  public static final List<String> CLIENTS = List.of("jdk", "jdk-async", "urlconnection", "apache5", "apache4",
      "okhttp", "okhttp-async");

  private ClientCalls() {}

  /** The report of one request, as the app wrote it. */
  public static String report(int clientsPort, String client, String method, String url) {
    HttpResponse<String> response = Http.get(clientsPort, "/call?client=" + client + "&method=" + method
        + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new AssertionError("the clients app refused the call: " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** The report of one request, as {@code key -> value}. */
  public static Map<String, String> call(int clientsPort, String client, String method, String url) {
    return parse(report(clientsPort, client, method, url));
  }

  public static Map<String, String> parse(String report) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : report.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return fields;
  }

  /** The library name the agent writes for a client of the app. */
  public static String library(String client) {
    return switch (client) {
      case "jdk", "jdk-async" -> "jdk-httpclient";
      case "urlconnection" -> "urlconnection";
      case "apache5" -> "apache-httpclient-5";
      case "apache4" -> "apache-httpclient-4";
      case "okhttp", "okhttp-async" -> "okhttp";
      default -> throw new IllegalArgumentException("no client " + client);
    };
  }

  /** The exception each client fails with when the connection is refused. */
  public static String connectionRefused(String client) {
    return switch (client) {
      case "apache5" -> "org.apache.hc.client5.http.HttpHostConnectException";
      case "apache4" -> "org.apache.http.conn.HttpHostConnectException";
      default -> "java.net.ConnectException";
    };
  }
}
