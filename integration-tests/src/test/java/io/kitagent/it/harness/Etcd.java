package io.kitagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A real etcd server (Debian's {@code etcd-server}) on loopback ports of its own, with its data in a
 * directory of the test's: started, stopped and started again on the same ports and data, and written
 * to through its v3 JSON gateway. {@link #close} stops it.
 */
public final class Etcd implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dir;
  private final int clientPort;
  private final int peerPort;
  private Process process;

  private Etcd(Path dir) {
    this.dir = dir;
    this.clientPort = Apps.freePort();
    this.peerPort = Apps.freePort();
  }

  /** Started in {@code dir}, ready to answer. */
  public static Etcd start(Path dir) {
    Etcd etcd = new Etcd(dir);
    etcd.startAgain();
    return etcd;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  /** Starts the stopped server again, on the same ports and data. */
  public void startAgain() {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    try {
      process = new ProcessBuilder(List.of("etcd", "--name", "t", "--data-dir", dir.resolve("data").toString(),
          "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
          "--initial-advertise-peer-urls", peer, "--initial-cluster", "t=" + peer))
          .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("etcd did not start (is etcd-server installed? scripts/install-test-tools)", e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(client + "/health"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + dir.resolve("etcd.log"));
      }
      pause();
    }
    throw new IllegalStateException("etcd did not become healthy in 20 s; see " + dir.resolve("etcd.log"));
  }

  /** Between two looks at a server that is starting: it gives no event to wait on. */
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void put(String key, String value) {
    post("/v3/kv/put", "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}");
  }

  public void delete(String key) {
    post("/v3/kv/deleterange", "{\"key\":\"" + base64(key) + "\"}");
  }

  /** Stops the server, as a crash would (its clients see their connections end). */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void post(String path, String body) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + path))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
