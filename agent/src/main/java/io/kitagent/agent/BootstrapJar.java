package io.kitagent.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.jar.JarFile;

/**
 * Puts the {@code bootstrap} module, packed inside the agent JAR, on the boot class path. The JAR is
 * written once per content hash into the temp directory and reused; a file found there is used only if
 * its bytes are exactly ours, because classes on the boot class path are trusted by the whole JVM.
 */
final class BootstrapJar {

  static final String RESOURCE = "/META-INF/kit-agent/kit-agent-bootstrap.jar";

  private BootstrapJar() {}

  static void appendTo(Instrumentation instrumentation) throws IOException {
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(extract().toFile()));
  }

  static Path extract() throws IOException {
    byte[] bytes;
    try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the agent JAR");
      }
      bytes = in.readAllBytes();
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    Path target = dir.resolve("kit-agent-bootstrap-" + sha256(bytes).substring(0, 16) + ".jar");
    if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return target;
    }
    Path temp = Files.createTempFile(dir, "kit-agent-bootstrap-", ".tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      // Another user's file of that name, or a read-only temp dir: keep our private copy instead.
      temp.toFile().deleteOnExit();
      return temp;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
