package io.kitagent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The class files of the {@code bootstrap} module, for Byte Buddy to describe the bootstrap types that
 * advice names in its annotations ({@code skipOn = HttpRefusal.class}): the agent defines those classes
 * straight into the boot loader, where no class file can be read back as a resource, so they are read
 * from the nested JAR they came from.
 */
public final class BootstrapTypes {

  private static final String JAR = "/META-INF/kit-agent/kit-agent-bootstrap.jar";

  private BootstrapTypes() {}

  public static ClassFileLocator locator() {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream nested = BootstrapTypes.class.getResourceAsStream(JAR)) {
      if (nested != null) {
        try (JarInputStream in = new JarInputStream(nested)) {
          for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
            if (entry.getName().endsWith(".class")) {
              files.put(entry.getName(), in.readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      return ClassFileLocator.NoOp.INSTANCE;
    }
    return ClassFileLocator.Simple.ofResources(files);
  }
}
