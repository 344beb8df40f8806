package com.example.clients;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a call answered, reduced to what is deterministic across runs (no Date, no Server headers). */
public final class Reply {

  private final int status;
  private final String body;
  private final Map<String, String> headers = new TreeMap<>();

  public Reply(int status, String body) {
    this.status = status;
    this.body = body == null ? "" : body;
  }

  /** Keeps content-type and x-* headers only; a repeated header's values are joined with a comma. */
  public Reply header(String name, String value) {
    if (name == null) {
      return this; // HttpURLConnection lists the status line under a null name
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("content-type") || lower.startsWith("x-")) {
      headers.merge(lower, value, (a, b) -> a + "," + b);
    }
    return this;
  }

  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("status=").append(status).append('\n');
    out.append("body=").append(oneLine(body)).append('\n');
    out.append("header.content-type=").append(headers.getOrDefault("content-type", "")).append('\n');
    headers.forEach((name, value) -> {
      if (!name.equals("content-type")) {
        out.append("header.").append(name).append('=').append(value).append('\n');
      }
    });
    return out.toString();
  }

  public static String errorReport(Throwable error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    return "error=" + error.getClass().getName() + "\nmessage=" + oneLine(message) + "\n";
  }

  static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }
}
