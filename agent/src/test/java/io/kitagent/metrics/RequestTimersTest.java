package io.kitagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestTimersTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RequestTimers client = new RequestTimers(registry, "http.client.requests", "help", "host",
      false, 2);

  @Test
  void aResponseIsTaggedWithMicrometersConventions() {
    client.record("orders", "GET", 404, null, false, TimeUnit.MILLISECONDS.toNanos(5));

    assertTrue(scrape().contains("http_client_requests_seconds_count{exception=\"none\",host=\"orders\","
        + "method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\"} 1"), this::scrape);
  }

  @Test
  void aRefusedExchangeIsTaggedRefusedWithWhatItWasAnswered() {
    client.record("orders", "GET", 503, null, true, 1);
    client.record("orders", "GET", -1, new java.io.IOException("refused"), true, 1);

    assertTrue(scrape().contains("http_client_requests_seconds_count{exception=\"none\",host=\"orders\","
        + "method=\"GET\",outcome=\"REFUSED\",status=\"503\"} 1"), this::scrape);
    assertTrue(scrape().contains("http_client_requests_seconds_count{exception=\"IOException\",host=\"orders\","
        + "method=\"GET\",outcome=\"REFUSED\",status=\"IO_ERROR\"} 1"), this::scrape);
  }

  @Test
  void aFailureWithoutResponseHasStatusIoErrorAndTheExceptionsSimpleName() {
    client.record("orders", "POST", -1, new ConnectException("refused"), false, 1);

    assertTrue(scrape().contains("http_client_requests_seconds_count{exception=\"ConnectException\","
        + "host=\"orders\",method=\"POST\",outcome=\"UNKNOWN\",status=\"IO_ERROR\"} 1"), this::scrape);
  }

  @Test
  void theSameTagsGiveTheSameTimerWithoutBuildingItAgain() {
    Timer first = client.timer(new String("orders"), "GET", 200, null);
    Timer second = client.timer("orders", new String("GET"), 200, null);

    assertSame(first, second);
  }

  @Test
  void theSameExceptionWithAnotherStatusIsAnotherSeries() {
    RequestTimers server = new RequestTimers(registry, "http.server.requests", "help", "route", true, 10);
    server.record("/a", "GET", 404, new IllegalStateException(), false, 1);
    server.record("/a", "GET", 500, new IllegalStateException(), false, 1);

    String text = scrape();
    assertTrue(text.contains("exception=\"IllegalStateException\",method=\"GET\",outcome=\"CLIENT_ERROR\","
        + "route=\"/a\",status=\"404\",uri=\"/a\"} 1"), text);
    assertTrue(text.contains("exception=\"IllegalStateException\",method=\"GET\",outcome=\"SERVER_ERROR\","
        + "route=\"/a\",status=\"500\",uri=\"/a\"} 1"), text);
  }

  @Test
  void anUnusualMethodIsTaggedOther() {
    client.record("orders", "BREW", 200, null, false, 1);

    assertTrue(scrape().contains("method=\"other\""), this::scrape);
  }

  @Test
  void keysBeyondTheLimitAreRecordedAsOther() {
    client.record("a", "GET", 200, null, false, 1);
    client.record("b", "GET", 200, null, false, 1);
    client.record("c", "GET", 200, null, false, 1);
    client.record("d", "GET", 200, null, false, 1);

    String text = scrape();
    assertTrue(text.contains("host=\"other\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\"} 2"), text);
    assertEquals(3, text.lines().filter(l -> l.startsWith("http_client_requests_seconds_count")).count(), text);
  }

  @Test
  void serverTimersCopyTheRouteToUriForTheStockDashboards() {
    RequestTimers server = new RequestTimers(registry, "http.server.requests", "help", "route", true, 10);
    server.record("/orders/*", "GET", 200, null, false, 1);

    assertTrue(scrape().contains("route=\"/orders/*\",status=\"200\",uri=\"/orders/*\"} 1"), this::scrape);
  }

  private String scrape() {
    return registry.scrape();
  }
}
