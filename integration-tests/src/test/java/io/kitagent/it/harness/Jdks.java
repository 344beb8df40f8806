package io.kitagent.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs the integration tests run test-apps on: the one running the tests (the project's floor,
 * 17) and the newest installed beside it in the same JVM directory (Temurin 25 on these machines).
 * {@code KIT_IT_JDKS} (homes separated by {@code :}) overrides the search.
 */
public final class Jdks {

  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"");

  private Jdks() {}

  /** For {@code @MethodSource}: every JDK a behaviour must hold on. */
  public static List<Jdk> forTests() {
    String override = System.getenv("KIT_IT_JDKS");
    if (override != null && !override.isBlank()) {
      return Stream.of(override.split(":")).map(home -> read(Path.of(home)).orElseThrow(
          () -> new IllegalStateException("KIT_IT_JDKS names " + home + ", which is not a JDK"))).toList();
    }
    Jdk current = current();
    List<Jdk> out = new ArrayList<>(List.of(current));
    newest().filter(jdk -> jdk.feature() > current.feature()).ifPresent(out::add);
    return out;
  }

  public static Jdk current() {
    return read(Path.of(System.getProperty("java.home"))).orElseThrow();
  }

  /** The newest JDK in the directory that holds the current one. */
  public static Optional<Jdk> newest() {
    Path dir = current().home().toAbsolutePath().getParent();
    try (Stream<Path> homes = Files.list(dir)) {
      return homes.filter(home -> !Files.isSymbolicLink(home)).map(Jdks::read).flatMap(Optional::stream)
          .max(Comparator.comparingInt(Jdk::feature));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<Jdk> read(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    try {
      Matcher m = VERSION.matcher(Files.readString(release));
      if (!m.find()) {
        return Optional.empty();
      }
      String version = m.group(1);
      String feature = version.startsWith("1.") ? version.substring(2) : version;
      return Optional.of(new Jdk(home.toRealPath(), Integer.parseInt(feature.split("[.+-]")[0]), version));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
