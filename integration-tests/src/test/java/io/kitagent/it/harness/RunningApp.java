package io.kitagent.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-app process: its output, collected line by line from stdout and stderr, and waits on
 * conditions over that output. {@link #close()} always stops it.
 */
public final class RunningApp implements AutoCloseable {

  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
  private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
  private static final Pattern ADMIN = Pattern.compile("admin endpoint on http://[^:]+:(\\d+)");

  private final String name;
  private final String command;
  private final Process process;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private int openStreams = 2;

  RunningApp(String name, String command, Process process) {
    this.name = name;
    this.command = command;
    this.process = process;
    read(process.getInputStream(), stdout, "stdout");
    read(process.getErrorStream(), stderr, "stderr");
  }

  private void read(InputStream stream, List<String> into, String which) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          add(into, line);
        }
      } catch (IOException e) {
        add(into, "[harness] reading " + which + " failed: " + e);
      } finally {
        lock.lock();
        try {
          openStreams--;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }, name + "-" + which);
    reader.setDaemon(true);
    reader.start();
  }

  private void add(List<String> into, String line) {
    lock.lock();
    try {
      into.add(line);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public List<String> stdout() {
    return snapshot(stdout);
  }

  public List<String> stderr() {
    return snapshot(stderr);
  }

  private List<String> snapshot(List<String> lines) {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a stdout line matches; fails with the whole output when none does in time. */
  public String awaitStdout(Predicate<String> condition) {
    return await(stdout, condition, DEFAULT_WAIT);
  }

  public String awaitStderr(Predicate<String> condition) {
    return await(stderr, condition, DEFAULT_WAIT);
  }

  /** Waits until {@code count} stdout lines match. */
  public List<String> awaitStdout(Predicate<String> condition, int count) {
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    lock.lock();
    try {
      while (true) {
        List<String> found = stdout.stream().filter(condition).toList();
        if (found.size() >= count) {
          return found;
        }
        waitUntil(deadline, "waiting for " + count + " matching stdout lines, saw " + found.size());
      }
    } finally {
      lock.unlock();
    }
  }

  private String await(List<String> lines, Predicate<String> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      int checked = 0;
      while (true) {
        for (; checked < lines.size(); checked++) {
          if (condition.test(lines.get(checked))) {
            return lines.get(checked);
          }
        }
        waitUntil(deadline, "waiting for a matching line");
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits (lock held) for new output; fails when the deadline passes or the process is gone. */
  private void waitUntil(long deadline, String what) {
    long left = deadline - System.nanoTime();
    if (left <= 0 || (openStreams == 0 && !process.isAlive())) {
      throw new AssertionError(name + ": gave up " + what + (process.isAlive() ? "" : " (process exited "
          + process.exitValue() + ")") + "\n" + describe());
    }
    try {
      changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while " + what, e);
    }
  }

  /** The port from the app's {@code listening on port N} line. */
  public int port() {
    Matcher m = PORT.matcher(awaitStdout(line -> PORT.matcher(line).find()));
    m.find();
    return Integer.parseInt(m.group(1));
  }

  /** The agent's admin port, from its {@code admin endpoint on http://host:N} line. */
  public int adminPort() {
    Matcher m = ADMIN.matcher(awaitStderr(line -> ADMIN.matcher(line).find()));
    m.find();
    return Integer.parseInt(m.group(1));
  }

  /** Waits for the process to end and returns its exit status, after its output is all read. */
  public int awaitExit() {
    try {
      if (!process.waitFor(DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " did not exit in " + DEFAULT_WAIT + "\n" + describe());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    lock.lock();
    try {
      while (openStreams > 0) {
        waitUntil(deadline, "waiting for the output to close");
      }
    } finally {
      lock.unlock();
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String describe() {
    return "command: " + command + "\n--- stdout ---\n" + String.join("\n", stdout())
        + "\n--- stderr ---\n" + String.join("\n", stderr());
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
