package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Artifacts;
import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An application with its own, older Jackson and Byte Buddy runs beside the agent's relocated ones. */
class RelocationTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @ParameterizedTest
  @MethodSource("io.kitagent.it.harness.Jdks#forTests")
  void appKeepsItsOwnJacksonAndByteBuddyWhileTheAgentUsesItsOwn(Jdk jdk) throws Exception {
    RunningApp app = apps.start(TestApp.named("jackson-clash").on(jdk)
        .withAgent(Artifacts.testAppFile("jackson-clash", "clash.yaml")));

    assertEquals(0, app.awaitExit(), app.describe());
    assertTrue(app.stdout().contains("app jackson 2.12.7-1"), app.describe());
    assertTrue(app.stdout().contains("app json {\"greeting\":\"hello clash\"}"), app.describe());
    assertTrue(app.stdout().contains("app generated com.example.clash.Generated"), app.describe());
    String line = app.stdout().stream().filter(l -> l.contains("\"method\":\"greet\"")).findFirst()
        .orElseThrow(() -> new AssertionError("no event for greet\n" + app.describe()));
    JsonNode event = new ObjectMapper().readTree(line);
    assertEquals("hello clash", event.get("result").asText());
    assertTrue(app.stderr().stream().noneMatch(l -> l.contains("Error") || l.contains("WARNING")),
        app.describe());
  }
}
