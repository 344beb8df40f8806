package io.kitagent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed config value that remembers where in the file it came from. */
public sealed interface Node {

  int line();

  int column();

  /** How the value is described in "expected X, got Y" messages. */
  String describe();

  record Mapping(Map<String, Entry> entries, int line, int column) implements Node {
    public Mapping {
      entries = new LinkedHashMap<>(entries);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping, with the key's own position (unknown-key errors point at the key). */
  record Entry(Node value, int line, int column) {}

  record Sequence(List<Node> items, int line, int column) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar as written. {@code substituted} marks a value produced by {@code ${...}}: it was a string
   * in the file, but may stand for a number or a boolean.
   */
  record Scalar(String text, Kind kind, boolean substituted, int line, int column) implements Node {
    /** UNRESOLVED: a placeholder that could not be resolved, already reported. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL, UNRESOLVED }

    @Override
    public String describe() {
      return kind == Kind.STRING ? '"' + text + '"' : text;
    }
  }
}
