package io.kitagent.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 50ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, or ISO {@code PT1S}. */
public final class Durations {

  private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d)");

  private Durations() {}

  /** Parses a duration; the exception's message says what is wrong. */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.startsWith("P") || s.startsWith("p")) {
      try {
        Duration value = Duration.parse(s);
        value.toNanos(); // ArithmeticException beyond ~292 years
        return value;
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("\"" + text + "\" is longer than the longest duration (about 292 years)");
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expected a duration such as 50ms, 1s or PT1S, got \"" + text + "\"");
      }
    }
    Matcher m = TEXT.matcher(s);
    if (!m.matches()) {
      String hint = s.matches("\\d+(\\.\\d+)?") ? " (add a unit: ns, us, ms, s, m, h or d)" : "";
      throw new IllegalArgumentException("expected a duration such as 50ms, 1s or 2m, got \"" + text + "\"" + hint);
    }
    double amount = Double.parseDouble(m.group(1));
    double nanos = amount * nanosPerUnit(m.group(2));
    if (nanos >= Long.MAX_VALUE) {
      throw new IllegalArgumentException("\"" + text + "\" is longer than the longest duration (about 292 years)");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  private static double nanosPerUnit(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      default -> 86_400e9;
    };
  }

  /** The shortest way to write it back: {@code 50ms}, {@code 1s}, {@code 90s}. */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    } else if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    } else if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }
}
