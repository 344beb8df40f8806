package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.Artifacts;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The shape of the built kit-agent.jar. */
class AgentJarTest {

  @Test
  void manifestNamesTheEntryPointsAndAllowsRetransformation() throws IOException {
    try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("io.kitagent.agent.KitAgent", main.getValue("Premain-Class"));
      assertEquals("io.kitagent.agent.KitAgent", main.getValue("Agent-Class"));
      assertEquals("io.kitagent.cli.Main", main.getValue("Main-Class"));
      assertEquals("true", main.getValue("Can-Retransform-Classes"));
    }
  }

  @Test
  void everyThirdPartyClassIsRelocatedUnderIoKitagentShaded() throws IOException {
    try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
      List<String> strays = jar.stream().map(ZipEntry::getName)
          .filter(name -> name.endsWith(".class") && !name.startsWith("io/kitagent/"))
          .toList();
      assertEquals(List.of(), strays);
      assertTrue(jar.getEntry("io/kitagent/shaded/net/bytebuddy/ByteBuddy.class") != null);
      assertTrue(jar.getEntry("io/kitagent/shaded/com/fasterxml/jackson/core/JsonFactory.class") != null);
    }
  }

  @Test
  void bootstrapClassesTravelOnlyAsTheNestedBootClassPathJar() throws IOException {
    try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
      assertEquals(null, jar.getEntry("io/kitagent/bootstrap/Dispatch.class"),
          "a second copy in the agent's own loader could shadow the boot one");
      ZipEntry nested = jar.getEntry("META-INF/kit-agent/kit-agent-bootstrap.jar");
      assertNotNull(nested);
      try (InputStream in = jar.getInputStream(nested); JarInputStream inner = new JarInputStream(in)) {
        boolean dispatch = false;
        for (ZipEntry e; (e = inner.getNextEntry()) != null; ) {
          dispatch |= e.getName().equals("io/kitagent/bootstrap/Dispatch.class");
          assertTrue(!e.getName().endsWith(".class") || e.getName().startsWith("io/kitagent/bootstrap/"),
              e.getName());
        }
        assertTrue(dispatch);
      }
    }
  }
}
