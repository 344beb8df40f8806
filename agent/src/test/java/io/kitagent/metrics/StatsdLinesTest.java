package io.kitagent.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.config.AgentConfig;
import io.kitagent.config.ConfigLoader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StatsD lines reach a real UDP socket, the first of them included. */
class StatsdLinesTest {

  private DatagramSocket collector;

  @BeforeEach
  void listen() throws Exception {
    collector = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    collector.setSoTimeout(5_000);
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void eachLineIsOneDatagram() throws Exception {
    try (StatsdLines lines = new StatsdLines("127.0.0.1", collector.getLocalPort())) {
      lines.accept("a:1|c");
      lines.accept("b:2|g");
    }

    assertEquals("a:1|c", receive());
    assertEquals("b:2|g", receive());
  }

  @Test
  void aTimerRecordedRightAfterTheMetersAreMadeIsSent() throws Exception {
    // Micrometer's own sender connects in the background and dropped lines like this one.
    AgentConfig config = ConfigLoader.withVariables(Map.of()).parse("t.yaml", """
        service: orders
        metrics: {prometheus: false, jvm: false, statsd: {host: 127.0.0.1, port: %d, flavor: datadog, step: 1m}}
        """.formatted(collector.getLocalPort()));
    try (Meters meters = Meters.create(config, null)) {
      meters.registry().timer("kit.first").record(5, TimeUnit.MILLISECONDS);

      String line = receive();
      assertTrue(line.startsWith("kit.first:5|ms|#"), line);
      assertTrue(line.contains("service:orders"), line);
    }
  }

  @Test
  void anUnresolvableHostDropsLinesWithoutThrowing() throws Exception {
    try (StatsdLines lines = new StatsdLines("no-such-host.invalid", 8125)) {
      assertDoesNotThrow(() -> lines.accept("a:1|c"));
    }
  }

  private String receive() throws Exception {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    collector.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
