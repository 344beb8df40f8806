package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.Http;
import io.kitagent.it.harness.Logfmt;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same meters pushed out: StatsD over UDP, and periodic lines on stdout. */
class MetricsExportTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  /** {@code name:value|type} with an optional sample rate and datadog/telegraf tags. */
  private static final Pattern STATSD_LINE =
      Pattern.compile("[A-Za-z0-9_.,=:-]+:-?[0-9.]+(E-?[0-9]+)?\\|(ms|c|g|h|d)(\\|@[0-9.]+)?(\\|#[^|]*)?");

  @ParameterizedTest
  @ValueSource(strings = {"datadog", "etsy", "telegraf"})
  void statsdReceivesWellFormedLinesForACall(String flavor) throws Exception {
    try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      listener.setSoTimeout(1_000);
      Path config = Files.writeString(dir.resolve("orders.yaml"), """
          service: orders
          agent: { admin: { enabled: false } }
          metrics: { prometheus: false, jvm: false, statsd: { host: 127.0.0.1, port: %d, flavor: %s, step: 1s } }
          methods:
            - match: com.example.orders.OrderService#placeOrder
              metrics: true
          """.formatted(listener.getLocalPort(), flavor));
      RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));

      Http.post(orders.port(), "/orders?item=book");

      List<String> lines = receiveUntil(listener,
          line -> line.contains("kit") && line.contains("method") && line.contains("|ms"));
      String timerLine = lines.stream().filter(l -> l.contains("kit") && l.contains("method") && l.contains("|ms"))
          .findFirst().orElseThrow(() -> new AssertionError("no timer line in " + lines));
      for (String line : lines) {
        assertTrue(STATSD_LINE.matcher(line).matches(), "malformed StatsD line: " + line);
        assertFalse(line.contains("warm"), "the agent's own warm-up reached StatsD: " + line);
      }
      assertTrue(timerLine.contains("orders"), "the service tag travels too: " + timerLine);
      assertTrue(timerLine.contains("placeOrder"), timerLine);
    }
  }

  private static List<String> receiveUntil(DatagramSocket listener, java.util.function.Predicate<String> wanted)
      throws Exception {
    List<String> lines = new ArrayList<>();
    byte[] buffer = new byte[65_535];
    long deadline = System.nanoTime() + RunningApp.DEFAULT_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        listener.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      }
      for (String line : new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      if (lines.stream().anyMatch(wanted)) {
        return lines;
      }
    }
    throw new AssertionError("no matching StatsD line within " + RunningApp.DEFAULT_WAIT + ": " + lines);
  }

  @Test
  void stdoutPrintsTheStepsMetersAsEvents() throws Exception {
    Path config = Files.writeString(dir.resolve("orders.yaml"), """
        service: orders
        agent: { admin: { enabled: false } }
        metrics: { prometheus: false, jvm: false, stdout: { step: 1s } }
        methods:
          - match: com.example.orders.OrderService#placeOrder
            metrics: true
        """);
    RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));
    int port = orders.port();

    Http.post(port, "/orders?item=book");
    Http.post(port, "/orders?item=book");

    Map<String, String> event = Logfmt.parse(orders.awaitStdout(l -> l.contains("event=metric")
        && l.contains("name=kit.method ") && l.contains("tags.outcome=ok") && !l.contains(" count=0 ")));
    assertEquals("timer", event.get("type"));
    assertEquals("2", event.get("count"), "both calls fall in one 1 s step: " + event);
    assertEquals("orders", event.get("tags.service"));
    assertEquals("placeOrder", event.get("tags.method"));
    assertTrue(Double.parseDouble(event.get("total")) > 0, event.toString());
  }
}
