package io.kitagent.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq (Debian's package) on a loopback port of its own, authoritative for
 * {@code service.local}, serving the SRV records it was started with (dnsmasq reads them once: to
 * change them, start another). {@link #close} stops it.
 */
public final class Dnsmasq implements AutoCloseable {

  private final Process process;
  private final int port;

  private Dnsmasq(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Serves {@code srvRecords}, each {@code name,target,port,priority,weight} as dnsmasq's
   * {@code --srv-host} takes it, with a TTL of {@code ttlSeconds}.
   */
  public static Dnsmasq start(int ttlSeconds, String... srvRecords) {
    int port = Apps.freePort();
    String binary = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq"
        : "dnsmasq";
    List<String> command = new ArrayList<>(List.of(binary, "--keep-in-foreground", "--no-resolv", "--no-hosts",
        "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port, "--pid-file=", "--user=root",
        "--log-facility=-", "--local=/service.local/", "--local-ttl=" + ttlSeconds));
    for (String record : srvRecords) {
      command.add("--srv-host=" + record);
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("dnsmasq did not start (is it installed? scripts/install-test-tools)", e);
    }
    CompletableFuture<String> started = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = lines.readLine()) != null) {
          seen.append(line).append('\n');
          if (line.contains("started, version")) {
            started.complete(line);
          }
        }
        started.completeExceptionally(new IllegalStateException("dnsmasq exited:\n" + seen));
      } catch (IOException e) {
        started.completeExceptionally(e);
      }
    }, "dnsmasq-output");
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("dnsmasq did not start on port " + port, e);
    }
    return new Dnsmasq(process, port);
  }

  /** {@code 127.0.0.1:port}, as {@code discovery.dns.server} takes it. */
  public String server() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
