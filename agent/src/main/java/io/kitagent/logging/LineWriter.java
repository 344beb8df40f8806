package io.kitagent.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines on a daemon thread, so a call that logs never waits for a slow disk or pipe. When the
 * queue is full the line is dropped and counted, and the count is written once the output catches
 * up (on the agent's own channel, so that the event stream stays parseable): losing a log line is
 * better than stalling the service.
 */
public final class LineWriter implements AutoCloseable {

  private static final int CAPACITY = 16_384;
  private static final int BATCH = 512;

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final Object progress = new Object();
  private long done; // lines written or given up on; guarded by progress
  private final OutputStream out;
  private final String name;
  private final Thread thread;
  private final AtomicLong reportedDrops = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean direct; // the JVM is exiting: callers write their lines themselves
  private volatile String failure; // the last write error, null while writes succeed

  LineWriter(OutputStream out, String name) {
    this.out = out;
    this.name = name;
    this.thread = new Thread(this::drain, "kit-agent-log-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * {@code stdout}, {@code stderr} or a file path (appended to). Standard streams are written through
   * their file descriptors, past {@code System.out}, so an application that replaces or buffers
   * {@code System.out} neither loses nor reorders the agent's lines.
   */
  public static LineWriter open(String output) throws IOException {
    OutputStream stream = switch (output) {
      case "stdout" -> new FileOutputStream(FileDescriptor.out);
      case "stderr" -> new FileOutputStream(FileDescriptor.err);
      default -> new FileOutputStream(output, true);
    };
    return new LineWriter(stream, output);
  }

  /**
   * Queues a line; never blocks, never throws. Once the JVM is exiting ({@link #close}), the line is
   * written at once instead: the application's own shutdown hooks run beside ours, and what they log
   * must not be lost with the writer thread.
   */
  public void write(String line) {
    if (direct) {
      writeNow(line);
    } else if (!queue.offer(line)) {
      dropped.incrementAndGet();
    } else {
      queued.incrementAndGet();
    }
  }

  private void writeNow(String text) {
    try {
      synchronized (out) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      failure = null;
    } catch (IOException | RuntimeException e) {
      failure = e.toString();
      dropped.incrementAndGet();
    }
  }

  public long dropped() {
    return dropped.get();
  }

  /** The last write error, or null while writing works. */
  public String failure() {
    return failure;
  }

  public String name() {
    return name;
  }

  private void drain() {
    List<String> batch = new ArrayList<>(BATCH);
    StringBuilder text = new StringBuilder(8192);
    boolean failed = false;
    while (!closed || !queue.isEmpty()) {
      try {
        String first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        text.setLength(0);
        batch.forEach(text::append);
        int lines = batch.size();
        batch.clear();
        reportDrops();
        try {
          synchronized (out) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
          failed = false;
          failure = null;
        } finally {
          synchronized (progress) {
            done += lines;
            progress.notifyAll();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        failure = e.toString();
        if (!failed) {
          AgentLog.warn("cannot write log lines to " + name + ": " + e);
          failed = true;
        }
      }
    }
  }

  private void reportDrops() {
    long drops = dropped.get();
    long reported = reportedDrops.getAndSet(drops);
    if (drops > reported) {
      AgentLog.warn("dropped " + (drops - reported) + " log lines: " + name + " is too slow");
    }
  }

  /** Waits at most {@code millis} until every line queued before this call has been written. */
  public void flush(long millis) {
    long target = queued.get();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (progress) {
      long left;
      while (done < target && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** For the JVM's exit: writes what is queued (2 s at most); later lines are written at once. */
  @Override
  public void close() {
    direct = true;
    flush(2_000);
    closed = true;
    try {
      thread.join(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reportDrops();
  }
}
