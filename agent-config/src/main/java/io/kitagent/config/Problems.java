package io.kitagent.config;

import com.fasterxml.jackson.core.JsonLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one file, so that a user fixes them all in one round. */
public final class Problems {

  private final String file;
  private final List<ConfigProblem> list = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  public static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public void add(int line, int column, String path, String message) {
    list.add(new ConfigProblem(file, line, column, path, message));
  }

  public void add(JsonLocation at, String path, String message) {
    add(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path, message);
  }

  public void add(Node at, String path, String message) {
    add(at.line(), at.column(), path, message);
  }

  /** {@code file:line:column: path}, the way problems start, for errors found later (at weave time). */
  public String locate(Node at, String path) {
    return file + ":" + at.line() + ":" + at.column() + ": " + path;
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<ConfigProblem> list() {
    return list;
  }
}
