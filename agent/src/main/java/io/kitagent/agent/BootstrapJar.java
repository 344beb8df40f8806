package io.kitagent.agent;

import io.kitagent.logging.AgentLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

/**
 * Makes the {@code bootstrap} module, packed inside the agent JAR, visible to the boot class loader.
 *
 * <p>First choice: define its classes straight into the boot loader. Appending a JAR to the boot
 * class path instead makes HotSpot switch class-data sharing off for every application class (about
 * 100 ms of start-up here) and print a warning on the application's standard output. That append is
 * the fallback, when defining is not possible on this JVM.
 */
final class BootstrapJar {

  static final String RESOURCE = "/META-INF/kit-agent/kit-agent-bootstrap.jar";

  private BootstrapJar() {}

  static void install(Instrumentation instrumentation) throws IOException {
    byte[] jar = resource(RESOURCE);
    try {
      define(instrumentation, classes(jar));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      AgentLog.info("cannot define the bootstrap classes in the boot loader (" + rootCause(e) + "); appending "
          + "them to the boot class path instead, which turns class-data sharing off for application classes");
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(extract(jar).toFile()));
    }
  }

  /**
   * Defines the classes in the boot loader, supertypes first: a class whose supertype is not defined
   * yet fails with {@link NoClassDefFoundError} and is tried again in the next round.
   */
  private static void define(Instrumentation instrumentation, Map<String, byte[]> classes)
      throws ReflectiveOperationException, IOException {
    if (isDefined(classes.keySet().iterator().next())) {
      return; // a second start in the same JVM (attach after -javaagent) reuses them
    }
    PrivateLoader loader = new PrivateLoader();
    Class<?> definer = loader.define("io.kitagent.agent.BootDefiner",
        resource("/io/kitagent/agent/BootDefiner.class"));
    instrumentation.redefineModule(Object.class.getModule(), Set.of(),
        Map.of("jdk.internal.misc", Set.of(loader.getUnnamedModule())), Map.of(), Set.of(), Map.of());
    Method define = definer.getMethod("define", String.class, byte[].class);
    Map<String, byte[]> pending = new LinkedHashMap<>(classes);
    while (!pending.isEmpty()) {
      int before = pending.size();
      LinkageError missing = null;
      for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, byte[]> entry = it.next();
        try {
          define.invoke(null, entry.getKey(), entry.getValue());
          it.remove();
        } catch (InvocationTargetException e) {
          if (!(rootCause(e) instanceof NoClassDefFoundError notYet)) {
            throw e;
          }
          missing = notYet;
        }
      }
      if (pending.size() == before) {
        throw missing;
      }
    }
  }

  /** Through both reflective calls: ours of the definer and the definer's of Unsafe. */
  private static Throwable rootCause(Throwable e) {
    while (e instanceof InvocationTargetException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static boolean isDefined(String className) {
    try {
      Class.forName(className, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A loader of its own, so that only its unnamed module is given {@code jdk.internal.misc}. */
  private static final class PrivateLoader extends ClassLoader {
    PrivateLoader() {
      super("kit-agent-boot-definer", null);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BootstrapJar.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is missing from the agent JAR");
      }
      return in.readAllBytes();
    }
  }

  /** Class name to bytes, in JAR order. */
  private static Map<String, byte[]> classes(byte[] jar) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
        }
      }
    }
    return classes;
  }

  /**
   * A private copy (created 0600 where the file system has owners), never a file found in the shared
   * temp directory: classes on the boot class path are trusted by the whole JVM.
   */
  static Path extract(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("kit-agent-bootstrap-", ".jar");
    file.toFile().deleteOnExit();
    Files.write(file, bytes);
    return file;
  }
}
