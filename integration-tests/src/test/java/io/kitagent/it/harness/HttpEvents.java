package io.kitagent.it.harness;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The agent's per-request events ({@code event=http.client}, {@code event=http.server}) in logfmt. */
public final class HttpEvents {

  /** On stderr with {@code logging.level: debug}, once the HTTP classes are woven, loaded ones too. */
  public static final String WOVEN = "kit-agent: DEBUG weaving HTTP classes";

  /** The fields a test compares: all but the time stamp, the duration and the constant ones. */
  private static final List<String> ESSENTIAL = List.of("level", "library", "method", "url", "host", "path",
      "route", "status", "outcome", "exception", "error");

  private HttpEvents() {}

  public static boolean isHttpEvent(String line) {
    return line.contains(" event=http.");
  }

  public static boolean isClientEvent(String line, String library) {
    return line.contains(" event=http.client ") && line.contains(" library=" + library + " ");
  }

  public static boolean isServerEvent(String line, String library) {
    return line.contains(" event=http.server ") && line.contains(" library=" + library + " ");
  }

  /** The essential fields of a logfmt event line that it has, sorted by key, so events compare as maps. */
  public static Map<String, String> essentials(String line) {
    Map<String, String> event = Logfmt.parse(line);
    Map<String, String> out = new TreeMap<>();
    for (String key : ESSENTIAL) {
      if (event.containsKey(key)) {
        out.put(key, event.get(key));
      }
    }
    return out;
  }

  /**
   * The essential fields of each line, in an order of their own: events of requests made one after the
   * other may be written in another order, as a server records a request after it has answered.
   */
  public static List<Map<String, String>> essentialsInAnyOrder(List<String> lines) {
    return inAnyOrder(lines.stream().map(HttpEvents::essentials).toList());
  }

  /** Events sorted by their text, to compare them as a multiset. */
  public static List<Map<String, String>> inAnyOrder(List<Map<String, String>> events) {
    return events.stream().sorted(Comparator.comparing(Object::toString)).toList();
  }

  /** An expected event's essential fields, from {@code key, value} pairs; a null value leaves the key out. */
  public static Map<String, String> expected(String... pairs) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.put(pairs[i], pairs[i + 1]);
      }
    }
    return out;
  }
}
