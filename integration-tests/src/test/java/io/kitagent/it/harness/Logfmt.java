package io.kitagent.it.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a logfmt line back into its fields, undoing the quoting, so tests assert on values. */
public final class Logfmt {

  private Logfmt() {}

  public static Map<String, String> parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = line.substring(i, eq);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        for (i++; i < n && line.charAt(i) != '"'; i++) {
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < n) {
            char e = line.charAt(++i);
            switch (e) {
              case 'n' -> value.append('\n');
              case 'r' -> value.append('\r');
              case 't' -> value.append('\t');
              case 'u' -> {
                value.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                i += 4;
              }
              default -> value.append(e);
            }
          } else {
            value.append(c);
          }
        }
        i++;
      } else {
        while (i < n && line.charAt(i) != ' ') {
          value.append(line.charAt(i++));
        }
      }
      fields.put(key, value.toString());
    }
    return fields;
  }

  /** True for a method event of that method name. */
  public static boolean isMethodEvent(String line, String method) {
    return line.contains(" event=method ") && line.contains(" method=" + method + " ");
  }
}
