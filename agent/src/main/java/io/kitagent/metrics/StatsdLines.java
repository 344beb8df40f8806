package io.kitagent.metrics;

import io.kitagent.logging.AgentLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends each StatsD line as one UDP datagram, from the moment the registry exists. Micrometer's own
 * sender (reactor-netty) connects in the background and drops every line recorded before it is
 * connected: on a cold JVM that was the first calls' timer lines, often all of a short run's. This
 * one sends on the recording thread, with a non-blocking channel: a full socket buffer drops the
 * line, as UDP would anyway, and nothing waits for the collector.
 */
final class StatsdLines implements Consumer<String>, AutoCloseable {

  /** How long an unresolvable host is left alone before it is looked up again. */
  private static final long RESOLVE_AGAIN_NANOS = 10_000_000_000L;

  private final String host;
  private final int port;
  private final DatagramChannel channel;
  private final AtomicBoolean sendFailed = new AtomicBoolean();
  private final AtomicBoolean unresolved = new AtomicBoolean();
  private volatile InetSocketAddress target;
  private volatile long resolvedAt;

  StatsdLines(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.channel = DatagramChannel.open();
    channel.configureBlocking(false);
    this.target = resolve();
  }

  @Override
  public void accept(String line) {
    InetSocketAddress to = target();
    if (to == null) {
      return;
    }
    try {
      channel.send(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), to);
    } catch (IOException | RuntimeException e) {
      if (sendFailed.compareAndSet(false, true)) {
        AgentLog.warn("cannot send StatsD lines to " + host + ":" + port + ": " + e + " (reported once)");
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "StatsD sender to " + host + ":" + port;
  }

  private InetSocketAddress target() {
    InetSocketAddress to = target;
    if (to == null && System.nanoTime() - resolvedAt > RESOLVE_AGAIN_NANOS) {
      to = resolve();
      target = to;
    }
    return to;
  }

  private InetSocketAddress resolve() {
    resolvedAt = System.nanoTime();
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (!address.isUnresolved()) {
      return address;
    }
    if (unresolved.compareAndSet(false, true)) {
      AgentLog.warn("metrics.statsd.host " + host + " cannot be resolved; StatsD lines are dropped until it can");
    }
    return null;
  }
}
