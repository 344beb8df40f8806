package io.kitagent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.core.AgentWork;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A service's instances from etcd: every key under its prefix is one instance, whose value is
 * {@code {"address": "10.0.0.7", "port": 8080, "weight": 2}} or {@code 10.0.0.7:8080}. Read through
 * etcd's v3 JSON gateway ({@code /v3/kv/range}), then watched ({@code /v3/watch} from the next
 * revision): each change reads the prefix again, so no event can be missed between the two. A failed
 * endpoint is left for the next, after a wait that doubles up to 10 s, with jitter; meanwhile the
 * last instances stay in force. While a watch is open the prefix is read again every
 * {@link #CHECK_SECONDS} seconds: a server that died or was cut off without closing the connection
 * is noticed then (the read fails), the watch is closed and the next endpoint tried. Runs on two
 * daemon threads of the agent's own, whose requests are never woven.
 */
final class EtcdSource implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 10_000;
  static final long CHECK_SECONDS = 5;
  /** A watch that stayed open this long was a good one: the next failure starts the waits afresh. */
  private static final long GOOD_WATCH_NANOS = 10_000_000_000L;

  private final ServiceInstances instances;
  private final List<URI> endpoints;
  private final String prefix;
  private final String rangeEnd;
  private final HttpClient http;
  /** The open watch's lines, for the check to close when the server stops answering. */
  private volatile Stream<String> watching;
  private volatile URI watched;

  EtcdSource(ServiceInstances instances, List<URI> endpoints, String prefix) {
    this.instances = instances;
    this.endpoints = List.copyOf(endpoints);
    this.prefix = base64(prefix.getBytes(StandardCharsets.UTF_8));
    this.rangeEnd = base64(rangeEnd(prefix.getBytes(StandardCharsets.UTF_8)));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  void start() {
    Thread thread = new Thread(this, "kit-agent-etcd-" + instances.service());
    thread.setDaemon(true);
    thread.start();
    Thread check = new Thread(this::check, "kit-agent-etcd-check-" + instances.service());
    check.setDaemon(true);
    check.start();
  }

  /** Reads the prefix of the watched endpoint every few seconds; a failure closes the watch. */
  private void check() {
    AgentWork.markThread();
    while (true) {
      try {
        Thread.sleep(CHECK_SECONDS * 1000);
      } catch (InterruptedException e) {
        return;
      }
      Stream<String> lines = watching;
      URI endpoint = watched;
      if (lines == null || endpoint == null) {
        continue;
      }
      try {
        read(endpoint);
      } catch (IOException | RuntimeException e) {
        instances.failed("etcd " + endpoint + ": " + describe(e));
        lines.close(); // the watch ends; the source tries the next endpoint
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void run() {
    AgentWork.markThread();
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 0; ; attempt++) {
      URI endpoint = endpoints.get(attempt % endpoints.size());
      long revision;
      try {
        revision = read(endpoint);
      } catch (IOException | RuntimeException e) {
        instances.failed("etcd " + endpoint + ": " + describe(e));
        revision = -1;
      } catch (InterruptedException e) {
        return;
      }
      if (revision >= 0) {
        long opened = System.nanoTime();
        try {
          watch(endpoint, revision + 1);
        } catch (IOException | RuntimeException e) {
          // the instances just read are current; the next round reads and watches again
        } catch (InterruptedException e) {
          return;
        }
        if (System.nanoTime() - opened > GOOD_WATCH_NANOS) {
          backoff = FIRST_BACKOFF_MILLIS;
        }
      }
      try {
        Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }
  }

  /** Reads every key under the prefix into the instances; answers the revision read. */
  long read(URI endpoint) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(post(endpoint, "/v3/kv/range",
        "{\"key\":\"" + prefix + "\",\"range_end\":\"" + rangeEnd + "\"}").timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("range answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    Map<String, Integer> found = new LinkedHashMap<>();
    Map<String, String> byKey = new TreeMap<>();
    for (JsonNode kv : body.path("kvs")) {
      byKey.put(decode(kv.path("key").asText()), decode(kv.path("value").asText()));
    }
    byKey.values().forEach(value -> instance(value, found));
    instances.update(found);
    return body.path("header").path("revision").asLong();
  }

  /** Blocks on the watch stream until it ends; each change reads the prefix again. */
  private void watch(URI endpoint, long fromRevision) throws IOException, InterruptedException {
    String create = "{\"create_request\":{\"key\":\"" + prefix + "\",\"range_end\":\"" + rangeEnd
        + "\",\"start_revision\":\"" + fromRevision + "\"}}";
    HttpResponse<Stream<String>> response = http.send(post(endpoint, "/v3/watch", create).build(),
        HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("watch answered " + response.statusCode());
    }
    try (Stream<String> lines = response.body()) {
      watching = lines;
      watched = endpoint;
      Iterator<String> each = lines.iterator();
      while (each.hasNext()) {
        JsonNode result = JSON.readTree(each.next()).path("result");
        if (result.path("canceled").asBoolean(false)) {
          throw new IOException("watch canceled: " + result.path("cancel_reason").asText());
        }
        if (result.path("events").size() > 0) {
          read(endpoint);
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    } finally {
      watching = null;
    }
    throw new IOException("the watch stream ended");
  }

  private static HttpRequest.Builder post(URI endpoint, String path, String body) {
    String base = endpoint.toString();
    return HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** A key's value as an instance: JSON with address, port and weight, or {@code host:port}; others are skipped. */
  static void instance(String value, Map<String, Integer> found) {
    String text = value.trim();
    try {
      if (text.startsWith("{")) {
        JsonNode node = JSON.readTree(text);
        String address = node.path("address").asText("");
        String instance = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":"
            + node.path("port").asInt(-1);
        if (ServiceDiscovery.instance(instance)) {
          found.put(instance, Math.max(1, node.path("weight").asInt(1)));
        }
        return;
      }
      if (ServiceDiscovery.instance(text)) {
        found.put(text, 1);
      }
    } catch (IOException e) {
      // not an instance: skipped
    }
  }

  /** etcd's end of a prefix range: the prefix with its last byte below 0xff incremented. */
  static byte[] rangeEnd(byte[] prefix) {
    byte[] end = Arrays.copyOf(prefix, prefix.length);
    for (int i = end.length - 1; i >= 0; i--) {
      if ((end[i] & 0xff) < 0xff) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    return new byte[] {0}; // every key
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
