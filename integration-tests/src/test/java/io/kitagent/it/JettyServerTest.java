package io.kitagent.it;

import static io.kitagent.it.harness.AdminMetrics.growth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.PrometheusText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Servlet suite on jetty-orders (Jetty 12.1, ee10), and what only Jetty shows. */
class JettyServerTest extends AbstractServletServerTest {

  @Override
  String app() {
    return "jetty-orders";
  }

  @ParameterizedTest
  @MethodSource(JDKS)
  void anExceptionThatCarriesItsStatusIsRecordedWithThatStatusNot500(Jdk jdk) {
    Shop shop = withAgent(jdk);
    PrometheusText before = shop.scrape();
    int from = shop.app().stdout().size();

    // The block filter reads a parameter; Jetty throws BadMessageException (400) for the bad escape,
    // which the JDK's client would refuse to send, so it goes over a plain socket.
    assertEquals("HTTP/1.1 400", rawGet(shop.port(), "/shop/orders/1?x=%zz").substring(0, 12));

    List<String> lines = shop.awaitEvents(from, 1);
    assertTrue(lines.get(0).contains(" status=400 outcome=CLIENT_ERROR "), lines.toString());
    PrometheusText after = shop.scrapeAfter(before, 1);
    assertEquals(1, growth(before, after, COUNT, "service", "shop", "route", "/shop/orders/*",
        "method", "GET", "status", "400", "outcome", "CLIENT_ERROR", "exception", "BadMessageException"),
        after.find(COUNT).toString());
  }

  /** The status line of a GET sent as written. */
  private static String rawGet(int port, String target) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
