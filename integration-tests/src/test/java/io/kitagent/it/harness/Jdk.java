package io.kitagent.it.harness;

import java.nio.file.Path;

/** An installed JDK that a test-app can run on. */
public record Jdk(Path home, int feature, String version) {

  public Path java() {
    return home.resolve("bin/java");
  }

  @Override
  public String toString() {
    return "JDK " + version;
  }
}
