package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kitagent.it.harness.Apps;
import io.kitagent.it.harness.RunningApp;
import io.kitagent.it.harness.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code by: client-ip} and {@code by: route} on {@code http.server.limiter}: requests from two
 * loopback addresses (127.0.0.1 and 127.0.0.2, both on Linux's loopback) have their own buckets,
 * read from the JDK server's exchange and from a Servlet request; two routes have theirs.
 */
class ClientIpLimiterTest {

  @RegisterExtension
  final Apps apps = new Apps();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"orders,", "jetty-orders,/shop", "tomcat-orders,/shop"})
  void eachClientAddressAndEachRouteHasItsOwnBucket(String server, String prefix) throws Exception {
    String base = prefix == null ? "" : prefix;
    Path config = Files.writeString(dir.resolve(server + ".yaml"), """
        service: shop
        agent: { admin: { address: "127.0.0.1:0" } }
        metrics: { jvm: false }
        http:
          server:
            limiter:
              limitForPeriod: 2
              limitRefreshPeriod: 1m
              by: client-ip
              routes:
                "%s/orders/*": { by: route }
        """.formatted(base));
    RunningApp app = apps.start(TestApp.named(server).withAgent(config));

    assertEquals(List.of(false, false, true), refusals(app.port(), "127.0.0.1", base + "/orders", 3));
    assertEquals(List.of(false, false, true), refusals(app.port(), "127.0.0.2", base + "/orders", 3),
        "another address, another bucket");
    // every path under /orders/ is one route for the server: all share one bucket
    assertEquals(List.of(false, false, true), refusals(app.port(), "127.0.0.1", base + "/orders/1", 3));
  }

  /** For each of {@code count} GETs from {@code local}: whether the agent answered it 429. */
  private static List<Boolean> refusals(int port, String local, String path, int count) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(status(port, local, path) == 429);
    }
    return out;
  }

  private static int status(int port, String local, String path) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(head.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " from " + local, e);
    }
  }
}
