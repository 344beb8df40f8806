package io.kitagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.core.AgentWork;
import io.kitagent.core.Context;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpServerCall;
import io.kitagent.config.AgentConfig;
import io.kitagent.config.ConfigLoader;
import io.kitagent.config.LogFormat;
import io.kitagent.logging.LoggingSettings;
import io.kitagent.logging.EventLog;
import io.kitagent.metrics.Meters;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpRuntimeTest {

  @TempDir
  Path dir;

  private EventLog log;
  private Meters meters;

  @AfterEach
  void close() {
    if (meters != null) {
      meters.close();
    }
    if (log != null) {
      log.close();
    }
  }

  private HttpRuntime runtime(String http) throws Exception {
    return runtime(http, LogFormat.LOGFMT);
  }

  private HttpRuntime runtime(String http, LogFormat format) throws Exception {
    AgentConfig config = ConfigLoader.withVariables(java.util.Map.of()).parse("clients.yaml", """
        service: clients
        metrics: { jvm: false }
        services:
          orders: { hosts: ["127.0.0.1:8080"] }
        """ + http);
    log = EventLog.open("clients", new LoggingSettings(io.kitagent.config.Level.INFO, format,
        dir.resolve("events.log").toString()));
    meters = Meters.create(config, log);
    return new HttpRuntime(config, new Context(config, log, CompletableFuture.completedFuture(meters)));
  }

  private List<String> events() throws IOException {
    log.close();
    return Files.readAllLines(dir.resolve("events.log"), StandardCharsets.UTF_8);
  }

  @Test
  void aClientRequestIsLoggedAndCountedUnderTheServiceName() throws Exception {
    HttpRuntime runtime = runtime("http: { client: true }\n");

    HttpClientCall call = runtime.clientStart(HttpCalls.OKHTTP, "GET", "http://127.0.0.1:8080",
        "/orders/1?t=x", "127.0.0.1", 8080);
    call.end(404, null, null);

    List<String> events = events();
    assertEquals(1, events.size(), events::toString);
    assertTrue(events.get(0).contains("event=http.client library=okhttp method=GET "
        + "url=http://127.0.0.1:8080/orders/1 host=orders status=404 outcome=CLIENT_ERROR"), events::toString);
    assertTrue(meters.prometheus().scrape().contains("http_client_requests_seconds_count{exception=\"none\","
        + "host=\"orders\",method=\"GET\",outcome=\"CLIENT_ERROR\",service=\"clients\",status=\"404\"} 1"));
  }

  @Test
  void aRequestNestedInAnotherOnTheSameThreadIsNotRecordedAgain() throws Exception {
    HttpRuntime runtime = runtime("http: { client: true }\n");

    HttpClientCall outer = runtime.clientStart(HttpCalls.APACHE_HTTP_CLIENT_5, "GET", "http://a/", null, "a", -1);
    HttpClientCall inner = runtime.clientStart(HttpCalls.URL_CONNECTION, "GET", "http://a/", null, "a", -1);
    outer.end(200, null, null);
    HttpClientCall next = runtime.clientStart(HttpCalls.OKHTTP, "GET", "http://a/", null, "a", -1);

    assertNotNull(outer);
    assertNull(inner);
    assertNotNull(next, "the thread is free again once the outer request ended");
    next.end(200, null, null);
  }

  @Test
  void theAgentsOwnRequestsAreNeverRecorded() throws Exception {
    HttpRuntime runtime = runtime("http: { client: true, server: true }\n");

    HttpClientCall client = AgentWork.call(() ->
        runtime.clientStart(HttpCalls.JDK_HTTP_CLIENT, "GET", "http://a/", null, "a", -1));
    HttpServerCall server = AgentWork.call(() ->
        runtime.serverStart(HttpCalls.JDK_HTTP_SERVER, "GET", "/metrics", null, "/", null));

    assertNull(client);
    assertNull(server);
    HttpClientCall application = runtime.clientStart(HttpCalls.JDK_HTTP_CLIENT, "GET", "http://a/", null, "a", -1);
    assertNotNull(application, "outside the agent's own work the thread records again");
    application.end(200, null, null);
  }

  @Test
  void aSideThatIsOffRecordsNothing() throws Exception {
    HttpRuntime runtime = runtime("http: { server: true }\n");

    assertNull(runtime.clientStart(HttpCalls.OKHTTP, "GET", "http://a/", null, "a", -1));
  }

  @Test
  void anAsyncResponseIsRecordedWhenItsFutureFailsWithTheCauseTheApplicationSees() throws Exception {
    HttpRuntime runtime = runtime("http: { client: true }\n");

    HttpClientCall call = runtime.clientStart(HttpCalls.JDK_HTTP_CLIENT, "GET", "http://a/", null, "a", -1);
    call.detach();
    call.accept(null, new CompletionException(new ConnectException()));

    List<String> events = events();
    assertTrue(events.get(0).contains("level=error") && events.get(0).contains("exception=java.net.ConnectException"),
        events::toString);
    assertTrue(meters.prometheus().scrape().contains("exception=\"ConnectException\",host=\"a\""));
  }

  @Test
  void aServerHandlerThatThrowsBeforeAnsweringIsRecordedAs500AfterAnsweringWithTheStatusSent()
      throws Exception {
    HttpRuntime runtime = runtime("http: { server: true }\n");

    runtime.serverStart(HttpCalls.SERVLET, "GET", "/shop/boom", "a=1", "/shop/boom", null)
        .end(-1, new IllegalStateException("boom"));
    runtime.serverStart(HttpCalls.JDK_HTTP_SERVER, "GET", "/late", null, "/late", null)
        .end(200, new IllegalStateException("after the answer"));

    List<String> events = events();
    assertTrue(events.get(0).contains("path=/shop/boom route=/shop/boom status=500 outcome=SERVER_ERROR"),
        events::toString);
    assertTrue(events.get(1).contains("path=/late route=/late status=200 outcome=SUCCESS"), events::toString);
  }

  @Test
  void aUrlConnectionTurnedIntoAPostByItsBodyIsRecordedAsPost() throws Exception {
    HttpRuntime runtime = runtime("http: { client: true }\n");
    java.net.HttpURLConnection connection =
        (java.net.HttpURLConnection) new java.net.URL("http://127.0.0.1:1/orders").openConnection();

    HttpClientCall first = runtime.urlConnectionStart(connection);
    first.detach();
    connection.setRequestMethod("POST"); // what getOutputStream does inside the JDK
    HttpClientCall second = runtime.urlConnectionStart(connection);
    second.end(-1, new ConnectException("refused"), null);

    assertTrue(first == second, "one request per connection");
    assertNull(runtime.urlConnectionStart(connection), "an ended connection is not recorded again");
    assertTrue(events().get(0).contains("method=POST"));
  }

  @Test
  void aUrlConnectionDroppedUnreadGivesBackItsBulkheadPlaceWhenItIsCollected() throws Exception {
    HttpRuntime runtime = runtime("""
        http: { client: { log: true, bulkhead: { maxConcurrentCalls: 1 } } }
        """);
    java.net.URL url = new java.net.URL("http://127.0.0.1:1/orders");
    HttpClientCall dropped = runtime.urlConnectionStart(url.openConnection());
    dropped.detach(); // connected, the body stream opened, and then the application gave up on it
    dropped = null;
    HttpClientCall refused = runtime.urlConnectionStart(url.openConnection());
    assertTrue(refused.refusalAnswer() != null, "the dropped request still holds the only place");
    refused.end(-1, refused.refusalAnswer().error(), null); // as the advice ends a refused request

    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    HttpClientCall next = null;
    while (System.nanoTime() < deadline) {
      System.gc(); // the dropped connection is only weakly held: once collected, its request ends
      next = runtime.urlConnectionStart(url.openConnection());
      if (next.refusalAnswer() == null) {
        break;
      }
      next.end(-1, next.refusalAnswer().error(), null);
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // between polls of the condition
    }
    assertNull(next.refusalAnswer(), "the place came back once the dropped connection was collected");
    next.end(200, null, null); // leaves the thread as the advice would
    assertTrue(events().stream().anyMatch(event -> event.contains("dropped before its response was read")),
        events()::toString);
  }

  @Test
  void eventsAreJsonWhenTheLogIs() throws Exception {
    HttpRuntime runtime = runtime("http: { client: true }\n", LogFormat.JSON);

    runtime.clientStart(HttpCalls.OKHTTP, "GET", "http://127.0.0.1:8080", "/a", "127.0.0.1", 8080)
        .end(200, null, null);

    com.fasterxml.jackson.databind.JsonNode event =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(events().get(0));
    assertEquals("http.client", event.get("event").asText());
    assertEquals("http://127.0.0.1:8080/a", event.get("url").asText());
    assertEquals("orders", event.get("host").asText());
    assertEquals(200, event.get("status").asInt());
  }

  @Test
  void theHttpMetricsSettingsShapeTheirTimersOnly() throws Exception {
    HttpRuntime runtime = runtime("""
        http:
          client: { metrics: { histogram: true, slo: [100ms] } }
          server: { metrics: true }
        """);

    runtime.clientStart(HttpCalls.OKHTTP, "GET", "http://a", "/", "a", -1).end(200, null, null);
    runtime.serverStart(HttpCalls.SERVLET, "GET", "/x", null, "/x", null).end(200, null);

    String text = meters.prometheus().scrape();
    assertTrue(text.contains("http_client_requests_seconds_bucket{"), text);
    assertTrue(text.contains("le=\"0.1\""), text);
    assertTrue(text.contains("http_server_requests_seconds_count{"), text);
    assertFalse(text.contains("http_server_requests_seconds_bucket"), text);
  }
}
