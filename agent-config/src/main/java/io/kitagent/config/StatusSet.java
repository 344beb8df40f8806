package io.kitagent.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A set of HTTP statuses as a user writes it: {@code [5xx, 429]}. Each item is a status ({@code 429})
 * or a class of them ({@code 5xx}). Asking whether a status is in the set costs one bit test.
 */
public final class StatusSet {

  private static final Pattern ITEM = Pattern.compile("([1-5])xx|[1-5][0-9][0-9]");

  private final List<String> written;
  private final BitSet statuses = new BitSet(600);

  private StatusSet(List<String> written) {
    this.written = List.copyOf(written);
    for (String item : written) {
      if (item.endsWith("xx")) {
        int base = (item.charAt(0) - '0') * 100;
        statuses.set(base, base + 100);
      } else {
        statuses.set(Integer.parseInt(item));
      }
    }
  }

  public static StatusSet of(String... items) {
    return new StatusSet(List.of(items));
  }

  /** Reads {@code key} of {@code f} (a list, or one item); {@code fallback} when absent or wrong. */
  public static StatusSet read(Fields f, String key, StatusSet fallback) {
    Node given = f.node(key);
    if (given == null) {
      return fallback;
    }
    List<String> items = new ArrayList<>();
    boolean wrong = false;
    List<Node> nodes = given instanceof Node.Sequence seq ? seq.items() : List.of(given);
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String text = node instanceof Node.Scalar s ? s.text().trim().toLowerCase(Locale.ROOT) : "";
      if (ITEM.matcher(text).matches()) {
        items.add(text);
      } else {
        wrong = true;
        f.problems().add(node, f.path(key) + (given instanceof Node.Sequence ? "[" + i + "]" : ""), "expected a status such as 503 or a class such as 5xx, got " + node.describe());
      }
    }
    return wrong || items.isEmpty() ? fallback : new StatusSet(items);
  }

  public boolean contains(int status) {
    return status >= 0 && status < 600 && statuses.get(status);
  }

  /** As written, for {@code check}. */
  public List<String> items() {
    return written;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatusSet set && set.statuses.equals(statuses);
  }

  @Override
  public int hashCode() {
    return statuses.hashCode();
  }

  @Override
  public String toString() {
    return written.toString();
  }
}
