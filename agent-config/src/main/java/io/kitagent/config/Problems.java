package io.kitagent.config;

import com.fasterxml.jackson.core.JsonLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one file, so that a user fixes them all in one round. */
final class Problems {

  private final String file;
  private final List<ConfigProblem> list = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void add(int line, int column, String path, String message) {
    list.add(new ConfigProblem(file, line, column, path, message));
  }

  void add(JsonLocation at, String path, String message) {
    add(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path, message);
  }

  void add(Node at, String path, String message) {
    add(at.line(), at.column(), path, message);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<ConfigProblem> list() {
    return list;
  }
}
