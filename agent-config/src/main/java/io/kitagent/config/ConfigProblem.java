package io.kitagent.config;

/** One thing wrong with a config file, with enough context to find and fix it. */
public record ConfigProblem(String file, int line, int column, String path, String message) {

  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }
}
