package io.kitagent.logging;

import io.kitagent.config.LogFormat;
import java.util.ArrayDeque;

/**
 * Builds one event as one line, field by field, reusing its buffer: each thread that logs keeps one.
 * Groups ({@code args}) become a nested object in JSON and a key prefix in logfmt
 * ({@code args.item=book}).
 */
public abstract class EventLine {

  final StringBuilder line = new StringBuilder(256);

  public static EventLine of(LogFormat format) {
    return format == LogFormat.JSON ? new Json() : new Logfmt();
  }

  public EventLine begin() {
    line.setLength(0);
    return this;
  }

  public EventLine string(String key, String value) {
    key(key);
    value(value);
    return this;
  }

  /** A value already in number form; written without quotes in both formats. */
  public EventLine number(String key, CharSequence digits) {
    key(key);
    line.append(digits);
    return this;
  }

  /** Writes the separator and the key, up to and including what precedes the value. */
  abstract void key(String key);

  /** Writes a string value, quoted and escaped as the format needs. */
  abstract void value(String value);

  public abstract EventLine beginGroup(String key);

  public abstract EventLine endGroup();

  /** Ends the event and returns the whole line, newline included. */
  public abstract String end();

  /** logfmt: {@code key=value}, the value quoted only when it needs to be. */
  static final class Logfmt extends EventLine {
    private final ArrayDeque<String> outer = new ArrayDeque<>();
    private String prefix = "";

    @Override
    public EventLine begin() {
      outer.clear();
      prefix = "";
      return super.begin();
    }

    @Override
    public EventLine beginGroup(String key) {
      outer.push(prefix);
      prefix = prefix + key + ".";
      return this;
    }

    @Override
    public EventLine endGroup() {
      prefix = outer.isEmpty() ? "" : outer.pop();
      return this;
    }

    @Override
    public String end() {
      return line.append('\n').toString();
    }

    @Override
    void key(String key) {
      if (line.length() > 0) {
        line.append(' ');
      }
      appendKey(prefix);
      appendKey(key);
      line.append('=');
    }

    @Override
    void value(String value) {
      value(line, value);
    }

    /** logfmt keys are never quoted, so anything that would break a key becomes {@code _}. */
    private void appendKey(String key) {
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        line.append(c <= ' ' || c == '=' || c == '"' || isLineBreaking(c) ? '_' : c);
      }
    }

    static void value(StringBuilder line, String value) {
      if (!needsQuotes(value)) {
        line.append(value);
        return;
      }
      line.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          line.append('\\').append(c);
        } else {
          escapeControl(line, c, isLineBreaking(c));
        }
      }
      line.append('"');
    }

    private static boolean needsQuotes(String value) {
      if (value.isEmpty()) {
        return true;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c <= ' ' || c == '=' || c == '"' || c == '\\' || isLineBreaking(c)) {
          return true;
        }
      }
      return false;
    }
  }

  /** One JSON object per line (RFC 8259 escaping, so the line never holds a raw newline). */
  static final class Json extends EventLine {
    private boolean first;

    @Override
    public EventLine begin() {
      super.begin();
      line.append('{');
      first = true;
      return this;
    }

    @Override
    public EventLine beginGroup(String key) {
      key(key);
      line.append('{');
      first = true;
      return this;
    }

    @Override
    public EventLine endGroup() {
      line.append('}');
      first = false;
      return this;
    }

    @Override
    public String end() {
      return line.append("}\n").toString();
    }

    @Override
    void key(String key) {
      if (!first) {
        line.append(',');
      }
      first = false;
      quoted(line, key);
      line.append(':');
    }

    @Override
    void value(String value) {
      quoted(line, value);
    }

    static void quoted(StringBuilder line, String value) {
      line.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          line.append('\\').append(c);
        } else {
          // DEL, C1 controls (NEL) and U+2028/9 are legal JSON, but some readers end a line there.
          escapeControl(line, c, isLineBreaking(c));
        }
      }
      line.append('"');
    }
  }

  /** DEL, the C1 controls (U+0085 NEL among them) and U+2028/9: line ends to some readers. */
  static boolean isLineBreaking(char c) {
    return (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  /** Appends c, escaping newline, tab and every other control character (and {@code force}d ones). */
  static void escapeControl(StringBuilder line, char c, boolean force) {
    switch (c) {
      case '\n' -> line.append("\\n");
      case '\r' -> line.append("\\r");
      case '\t' -> line.append("\\t");
      default -> {
        if (c < ' ' || force) {
          line.append("\\u");
          String hex = Integer.toHexString(c);
          for (int pad = hex.length(); pad < 4; pad++) {
            line.append('0');
          }
          line.append(hex);
        } else {
          line.append(c);
        }
      }
    }
  }
}
