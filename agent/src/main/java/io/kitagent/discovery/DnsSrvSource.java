package io.kitagent.discovery;

import io.kitagent.core.AgentWork;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service's instances from a DNS SRV record (RFC 2782): the targets of the lowest priority, each
 * with its weight, looked up again when the shortest TTL of the answer runs out (at least every
 * second, at most every five minutes). The agent asks the server itself over UDP, since the JDK's
 * resolvers give no TTL. A name that does not exist (NXDOMAIN) has no instances; a server that does
 * not answer, or answers with an error, leaves the last instances in force, stale, and is asked again
 * after a wait that doubles up to 10 s. Runs on one daemon thread of the agent's own.
 */
final class DnsSrvSource implements Runnable {

  private static final int SRV = 33;
  private static final int IN = 1;
  private static final long MIN_REFRESH_MILLIS = 1_000;
  private static final long MAX_REFRESH_MILLIS = 300_000;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  private final ServiceInstances instances;
  private final String record;
  private final InetSocketAddress server;

  DnsSrvSource(ServiceInstances instances, String record, InetSocketAddress server) {
    this.instances = instances;
    this.record = record;
    this.server = server;
  }

  void start() {
    Thread thread = new Thread(this, "kit-agent-dns-" + instances.service());
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    AgentWork.markThread();
    long backoff = 100;
    while (true) {
      long wait;
      try {
        Answer answer = query();
        instances.update(answer.instances());
        wait = Math.min(MAX_REFRESH_MILLIS, Math.max(MIN_REFRESH_MILLIS, answer.ttlSeconds() * 1000L));
        backoff = 100;
      } catch (IOException | RuntimeException e) {
        instances.failed("dns " + server.getHostString() + ":" + server.getPort() + " " + record + ": " + e.getMessage());
        wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The instances of an answer ({@code host:port} with weight) and its shortest TTL. */
  record Answer(Map<String, Integer> instances, long ttlSeconds) {}

  private Answer query() throws IOException {
    int id = ThreadLocalRandom.current().nextInt(1 << 16);
    byte[] question = question(id, record);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2_000);
      socket.send(new DatagramPacket(question, question.length, server));
      byte[] buffer = new byte[4096];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          throw new IOException("no answer in 2 s");
        }
        ByteBuffer in = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
        if (packet.getLength() >= 2 && (in.getShort(0) & 0xFFFF) == id) {
          return parse(in);
        }
      }
    }
  }

  /** A standard query, recursion desired, for the SRV records of {@code name}. */
  static byte[] question(int id, String name) {
    ByteBuffer out = ByteBuffer.allocate(512);
    out.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
        .putShort((short) 0).putShort((short) 0);
    for (String label : name.split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.put((byte) bytes.length).put(bytes);
    }
    out.put((byte) 0).putShort((short) SRV).putShort((short) IN);
    byte[] packet = new byte[out.position()];
    out.flip().get(packet);
    return packet;
  }

  /** The SRV answers of the lowest priority; NXDOMAIN is no instance, any other error a failure. */
  static Answer parse(ByteBuffer in) throws IOException {
    int flags = in.getShort(2) & 0xFFFF;
    int rcode = flags & 0xF;
    if (rcode == 3) {
      return new Answer(Map.of(), 30);
    }
    if (rcode != 0) {
      throw new IOException("the server answered " + switch (rcode) {
        case 2 -> "SERVFAIL";
        case 5 -> "REFUSED";
        default -> "error " + rcode;
      });
    }
    int questions = in.getShort(4) & 0xFFFF;
    int answers = in.getShort(6) & 0xFFFF;
    in.position(12);
    for (int i = 0; i < questions; i++) {
      name(in);
      in.position(in.position() + 4);
    }
    List<int[]> found = new ArrayList<>(); // priority, weight, port
    List<String> targets = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (int i = 0; i < answers; i++) {
      name(in);
      int type = in.getShort() & 0xFFFF;
      in.getShort(); // class
      long recordTtl = in.getInt() & 0xFFFFFFFFL;
      int length = in.getShort() & 0xFFFF;
      int end = in.position() + length;
      if (type == SRV) {
        found.add(new int[] {in.getShort() & 0xFFFF, in.getShort() & 0xFFFF, in.getShort() & 0xFFFF});
        targets.add(name(in));
        ttl = Math.min(ttl, recordTtl);
      }
      in.position(end);
    }
    int lowest = found.stream().mapToInt(srv -> srv[0]).min().orElse(0);
    Map<String, Integer> instances = new LinkedHashMap<>();
    for (int i = 0; i < found.size(); i++) {
      int[] srv = found.get(i);
      String target = targets.get(i);
      if (srv[0] == lowest && srv[2] > 0 && !target.isEmpty() && !target.equals(".")) {
        // weight 0 is "very small" beside the others (RFC 2782), not nothing
        instances.put((target.indexOf(':') >= 0 ? "[" + target + "]" : target) + ":" + srv[2],
            srv[1] == 0 ? 1 : srv[1] * 100);
      }
    }
    return new Answer(instances, ttl == Long.MAX_VALUE ? 30 : ttl);
  }

  /** A domain name at the buffer's position, following compression pointers; the position moves past it. */
  static String name(ByteBuffer in) {
    StringBuilder name = new StringBuilder();
    int position = in.position();
    int after = -1;
    for (int jumps = 0; jumps < 64; jumps++) {
      int length = in.get(position) & 0xFF;
      if ((length & 0xC0) == 0xC0) {
        if (after < 0) {
          after = position + 2;
        }
        position = ((length & 0x3F) << 8) | (in.get(position + 1) & 0xFF);
        continue;
      }
      if (length == 0) {
        in.position(after >= 0 ? after : position + 1);
        return name.toString();
      }
      if (name.length() > 0) {
        name.append('.');
      }
      for (int i = 0; i < length; i++) {
        name.append((char) (in.get(position + 1 + i) & 0xFF));
      }
      position += 1 + length;
    }
    throw new IllegalArgumentException("a name with too many compression pointers");
  }
}
