package io.kitagent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML or JSON into {@link Node}s with Jackson's streaming parser, which knows the line and
 * column of every token; placeholders are replaced here, so every later check sees final values.
 */
final class TreeReader {

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  private final String file;
  private final Placeholders placeholders;
  private final Problems problems;

  TreeReader(String file, Placeholders placeholders, Problems problems) {
    this.file = file;
    this.placeholders = placeholders;
    this.problems = problems;
  }

  /** Parses the text; returns null (with the problem recorded) when it is not well-formed. */
  Node read(String text, boolean json) {
    try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(0, 0, "", "the file is empty");
        return null;
      }
      Node root = value(parser, "");
      if (parser.nextToken() != null) {
        problems.add(parser.currentTokenLocation(), "", "only one document is allowed in a file");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.add(at, "", "not valid " + (json ? "JSON" : "YAML") + ": " + oneLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(0, 0, "", "cannot be read: " + e.getMessage());
      return null;
    }
  }

  /**
   * SnakeYAML's messages span lines: what it was doing, where (again), a caret drawing, what it
   * found. Keep the sentences; the position is in the problem already.
   */
  static String oneLine(String message) {
    StringBuilder out = new StringBuilder();
    for (String line : message.split("\\R")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("in '") || text.equals("^") || line.startsWith(" ")) {
        continue;
      }
      out.append(out.length() == 0 ? "" : "; ").append(text);
    }
    return out.length() == 0 ? message.strip() : out.toString();
  }

  private Node value(JsonParser parser, String path) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Jackson's streaming parser hands an alias over as its name, not the anchored value.
      problems.add(line, column, path, "YAML aliases (*" + parser.getText() + ") are not supported; "
          + "write the value out");
    }
    switch (token) {
      case START_OBJECT: {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonLocation keyAt = parser.currentTokenLocation();
          parser.nextToken();
          String childPath = Problems.child(path, key);
          Node child = value(parser, childPath);
          if (entries.containsKey(key)) {
            problems.add(keyAt, childPath, "duplicate key (first at line "
                + entries.get(key).line() + ")");
          } else {
            entries.put(key, new Node.Entry(child, keyAt.getLineNr(), keyAt.getColumnNr()));
          }
        }
        return new Node.Mapping(entries, line, column);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(parser, path + "[" + items.size() + "]"));
        }
        return new Node.Sequence(items, line, column);
      }
      case VALUE_STRING:
        return string(parser.getText(), path, line, column);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Node.Scalar(parser.getText(), Node.Scalar.Kind.NUMBER, false, line, column);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Node.Scalar(parser.getText(), Node.Scalar.Kind.BOOLEAN, false, line, column);
      case VALUE_NULL:
        return new Node.Scalar("null", Node.Scalar.Kind.NULL, false, line, column);
      default:
        problems.add(line, column, path, "a value of this kind (" + token + ", e.g. a !!binary tag) "
            + "is not supported");
        return new Node.Scalar("", Node.Scalar.Kind.UNRESOLVED, false, line, column);
    }
  }

  private Node string(String text, String path, int line, int column) {
    try {
      String resolved = placeholders.resolve(text);
      return new Node.Scalar(resolved, Node.Scalar.Kind.STRING, !resolved.equals(text), line, column);
    } catch (IllegalArgumentException e) {
      problems.add(line, column, path, e.getMessage());
      return new Node.Scalar(text, Node.Scalar.Kind.UNRESOLVED, false, line, column);
    }
  }
}
