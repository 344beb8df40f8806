package io.kitagent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineWriterTest {

  @TempDir
  Path dir;

  @Test
  void flushReturnsOnlyAfterEveryQueuedLineIsInTheFile() throws IOException {
    Path file = dir.resolve("out.log");
    try (LineWriter writer = LineWriter.open(file.toString())) {
      for (int i = 1; i <= 200; i++) {
        writer.write("line " + i + "\n");
        writer.flush(5_000);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(i, lines.size());
        assertEquals("line " + i, lines.get(i - 1));
      }
    }
  }

  /** Close runs in the agent's shutdown hook; the application's own hooks may still log after it. */
  @Test
  void linesWrittenAfterCloseAreWrittenAtOnce() throws IOException {
    Path file = dir.resolve("out.log");
    LineWriter writer = LineWriter.open(file.toString());
    writer.write("queued\n");
    writer.close();

    writer.write("from a shutdown hook\n");

    assertEquals(List.of("queued", "from a shutdown hook"), Files.readAllLines(file, StandardCharsets.UTF_8));
    assertEquals(0, writer.dropped());
  }

  /** An output that hangs, like a full pipe nobody reads or a stalled network disk. */
  private static final class StuckOutput extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aStuckOutputNeverBlocksTheCallerItDropsAndCountsInstead() {
    StuckOutput stuck = new StuckOutput();
    LineWriter writer = new LineWriter(stuck, "stuck");
    int lines = 50_000;

    // The timeout only guards against a hang, should write() ever block; it measures nothing.
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int i = 0; i < lines; i++) {
        writer.write("event " + i + "\n");
      }
    });

    assertTrue(writer.dropped() > 0, "the queue is bounded, so lines beyond it are dropped");
    assertTrue(writer.dropped() <= lines - 16_384, "at least a full queue was kept: " + writer.dropped());
    stuck.release.countDown();
    writer.close();
  }
}
