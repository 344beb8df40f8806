package io.kitagent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of one mapping. Every key asked for becomes a known key, so {@link #done()} can call
 * any other key unknown and suggest the closest known one. A wrong value is recorded as a problem
 * and the default is returned, so that one pass finds every problem in the file.
 */
public final class Fields {

  private final Node.Mapping mapping;
  private final Node at;
  private final String path;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  public Fields(Node node, String path, Problems problems) {
    this.at = node;
    this.path = path;
    this.problems = problems;
    if (node instanceof Node.Mapping m) {
      this.mapping = m;
    } else {
      this.mapping = new Node.Mapping(Map.of(), node.line(), node.column());
      problems.add(node, path, "expected a mapping, got " + node.describe());
    }
  }

  /** This mapping's own key path, e.g. {@code methods[0].fault}. */
  public String path() {
    return path;
  }

  public String path(String key) {
    return Problems.child(path, key);
  }

  public Problems problems() {
    return problems;
  }

  /**
   * The raw value of a key, or null when the key is absent, explicitly null, or an unresolved
   * placeholder (reported already, so the default applies without a second problem).
   */
  public Node node(String key) {
    known.add(key);
    Node.Entry entry = mapping.entries().get(key);
    if (entry == null) {
      return null;
    }
    Node value = entry.value();
    boolean absent = value instanceof Node.Scalar s
        && (s.kind() == Node.Scalar.Kind.NULL || s.kind() == Node.Scalar.Kind.UNRESOLVED);
    return absent ? null : value;
  }

  /** Whether the key is written at all, whatever its value. */
  public boolean written(String key) {
    known.add(key);
    return mapping.entries().containsKey(key);
  }

  /** The mapping's entries, for sections whose keys are the user's own names. */
  public Map<String, Node.Entry> entries() {
    return mapping.entries();
  }

  public boolean has(String key) {
    return node(key) != null;
  }

  public String string(String key, String fallback) {
    Node node = node(key);
    if (node == null) {
      return fallback;
    }
    if (node instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.BOOLEAN) {
      return s.text();
    }
    problems.add(node, path(key), "expected a string, got " + node.describe());
    return fallback;
  }

  /** A required string: a missing key is a problem pointing at the enclosing mapping. */
  public String requiredString(String key, String example) {
    if (!written(key)) {
      problems.add(at, path(key), "required key is missing (for example " + key + ": " + example + ")");
      return null;
    }
    Node.Scalar given = mapping.entries().get(key).value() instanceof Node.Scalar s ? s : null;
    String value = string(key, null);
    if (given != null && (given.kind() == Node.Scalar.Kind.NULL || value != null && value.isBlank())) {
      problems.add(given, path(key), "must not be empty (for example " + key + ": " + example + ")");
      return null;
    }
    return value;
  }

  public boolean bool(String key, boolean fallback) {
    Node node = node(key);
    if (node == null) {
      return fallback;
    }
    return asBool(node, path(key), fallback);
  }

  public boolean asBool(Node node, String where, boolean fallback) {
    if (node instanceof Node.Scalar s && (s.kind() == Node.Scalar.Kind.BOOLEAN || s.substituted())) {
      String text = s.text().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return text.equals("true");
      }
    }
    problems.add(node, where, "expected true or false, got " + node.describe());
    return fallback;
  }

  /** A whole number between {@code min} and {@code max}. */
  public int integer(String key, int fallback, int min, int max) {
    Node node = node(key);
    if (node == null) {
      return fallback;
    }
    if (node instanceof Node.Scalar s && (s.kind() == Node.Scalar.Kind.NUMBER || s.substituted())) {
      try {
        int value = Integer.parseInt(s.text().trim());
        if (value >= min && value <= max) {
          return value;
        }
        problems.add(node, path(key), "expected a number from " + min + " to " + max + ", got " + value);
        return fallback;
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(node, path(key), "expected a whole number, got " + node.describe());
    return fallback;
  }

  /** A number between {@code min} and {@code max}, decimals allowed. */
  public double decimal(String key, double fallback, double min, double max) {
    Node node = node(key);
    if (node == null) {
      return fallback;
    }
    if (node instanceof Node.Scalar s && (s.kind() == Node.Scalar.Kind.NUMBER || s.substituted())) {
      try {
        double value = Double.parseDouble(s.text().trim());
        if (value >= min && value <= max) {
          return value;
        }
        problems.add(node, path(key), "expected a number from " + format(min) + " to " + format(max) + ", got "
            + s.text().trim());
        return fallback;
      } catch (NumberFormatException e) {
        // .nan, .inf, 0x10: reported below
      }
    }
    problems.add(node, path(key), "expected a number, got " + node.describe());
    return fallback;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** Where this mapping is, as problems name it: {@code file:line:column: path}. */
  public String where() {
    return problems.locate(at, path);
  }

  /** The mapping itself, for readers that need its position. */
  public Node at() {
    return at;
  }

  /** A positive duration: {@code 50ms}, {@code 1s}, {@code 2m}, or ISO {@code PT1S}. */
  public Duration duration(String key, Duration fallback) {
    Node node = node(key);
    return node == null ? fallback : asDuration(node, path(key), fallback);
  }

  /** As {@link #duration}, where {@code 0} is allowed too (Resilience4j's "no limit"). */
  public Duration durationOrZero(String key, Duration fallback) {
    Node node = node(key);
    if (node instanceof Node.Scalar s && s.text().trim().equals("0")) {
      return Duration.ZERO;
    }
    return node == null ? fallback : asDuration(node, path(key), fallback);
  }

  public Duration asDuration(Node node, String where, Duration fallback) {
    if (node instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.BOOLEAN) {
      try {
        Duration value = Durations.parse(s.text());
        if (!value.isZero() && !value.isNegative()) {
          return value;
        }
        problems.add(node, where, "must be longer than zero, got \"" + s.text() + "\"");
        return fallback;
      } catch (IllegalArgumentException e) {
        problems.add(node, where, e.getMessage());
        return fallback;
      }
    }
    problems.add(node, where, "expected a duration such as 50ms or 1s, got " + node.describe());
    return fallback;
  }

  /** A list whose items {@code read} turns into values; wrong items are reported and skipped. */
  public <T> List<T> listOf(String key, ItemReader<T> read) {
    List<T> out = new ArrayList<>();
    List<Node> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      T value = read.read(items.get(i), path(key) + "[" + i + "]");
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  public interface ItemReader<T> {
    /** The value, or null after recording a problem. */
    T read(Node item, String where);
  }

  public <E extends Enum<E>> E oneOf(String key, Class<E> type, E fallback) {
    Node node = node(key);
    if (node == null) {
      return fallback;
    }
    E[] values = type.getEnumConstants();
    String names = Arrays.stream(values).map(Fields::word).collect(Collectors.joining(", "));
    if (node instanceof Node.Scalar s && s.kind() != Node.Scalar.Kind.NULL) {
      for (E value : values) {
        String text = s.text().trim();
        if (word(value).equalsIgnoreCase(text) || value.name().equalsIgnoreCase(text)) {
          return value;
        }
      }
    }
    problems.add(node, path(key), "expected one of " + names + ", got " + node.describe());
    return fallback;
  }

  /** The words a user writes for an enum constant: {@code ROUND_ROBIN} is "round-robin". */
  public static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A list of strings; a single string is accepted as a list of one. */
  public List<String> strings(String key) {
    Node node = node(key);
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    List<Node> items = node instanceof Node.Sequence seq ? seq.items() : List.of(node);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.UNRESOLVED) {
        continue;
      }
      if (item instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.STRING) {
        out.add(s.text());
      } else {
        problems.add(item, path(key) + "[" + i + "]", "expected a string, got " + item.describe());
      }
    }
    return out;
  }

  /**
   * A list of exception class names ({@code recordExceptions}, {@code retryExceptions}): checked for
   * their form here, looked up only when a call fails (they are the application's classes).
   */
  public List<String> classNames(String key) {
    List<String> names = strings(key);
    for (String name : names) {
      if (!CLASS_NAME.matcher(name).matches()) {
        problems.add(node(key), path(key), "\"" + name + "\" is not a class name (for example java.io.IOException)");
      }
    }
    return names.stream().filter(name -> CLASS_NAME.matcher(name).matches()).toList();
  }

  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  /**
   * A key that is either {@code true}/{@code false} or a mapping of settings: null when absent or
   * false; for {@code true}, an empty section, so that every setting takes its default.
   */
  public Fields toggleOrSection(String key) {
    Node node = node(key);
    if (node == null) {
      return null;
    }
    if (node instanceof Node.Mapping) {
      return object(key);
    }
    return asBool(node, path(key), false)
        ? new Fields(new Node.Mapping(Map.of(), node.line(), node.column()), path(key), problems) : null;
  }

  /** A nested mapping; absent gives an empty one, so defaults apply. */
  public Fields object(String key) {
    Node node = node(key);
    return new Fields(node == null ? new Node.Mapping(Map.of(), at.line(), at.column()) : node,
        path(key), problems);
  }

  public List<Node> list(String key) {
    Node node = node(key);
    if (node == null) {
      return List.of();
    }
    if (node instanceof Node.Sequence seq) {
      return seq.items();
    }
    problems.add(node, path(key), "expected a list, got " + node.describe());
    return List.of();
  }

  /** Records a problem for every key that no reader asked for. Call after all reads. */
  public void done() {
    mapping.entries().forEach((key, entry) -> {
      if (!known.contains(key)) {
        String hint = Spelling.closest(key, known);
        problems.add(entry.line(), entry.column(), path(key), "unknown key"
            + (hint == null ? "" : " (did you mean \"" + hint + "\"?)")
            + (known.isEmpty() ? "" : "; known keys here: " + String.join(", ", known)));
      }
    });
  }
}
