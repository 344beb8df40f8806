package io.kitagent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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

  @Test
  void linesWrittenAfterCloseAreCountedAsDropped() throws IOException {
    LineWriter writer = LineWriter.open(dir.resolve("out.log").toString());
    writer.close();

    writer.write("late\n");

    assertEquals(1, writer.dropped());
  }
}
