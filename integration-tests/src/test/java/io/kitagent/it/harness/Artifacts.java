package io.kitagent.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built JARs and the test-apps' files are, relative to the repository root. */
public final class Artifacts {

  private Artifacts() {}

  public static Path root() {
    return Path.of(System.getProperty("kit.it.root", "..")).toAbsolutePath().normalize();
  }

  public static Path agentJar() {
    return existing(root().resolve("agent/target/kit-agent.jar"));
  }

  /** The runnable JAR of {@code test-apps/<name>}. */
  public static Path testApp(String name) {
    return existing(root().resolve("test-apps").resolve(name).resolve("target").resolve(name + ".jar"));
  }

  /** A file kept beside a test-app, such as its config. */
  public static Path testAppFile(String name, String file) {
    return existing(root().resolve("test-apps").resolve(name).resolve(file));
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: build it first with `mvn package` "
          + "from the repository root (the integration tests run the built JARs)");
    }
    return path;
  }
}
