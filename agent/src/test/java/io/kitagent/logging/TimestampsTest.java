package io.kitagent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void agreesWithJavaTimeAcrossFourCenturies() {
    SplittableRandom random = new SplittableRandom(42);
    long from = -946_771_200_000L; // 1940
    long to = 7_258_118_400_000L; // 2200
    for (int i = 0; i < 100_000; i++) {
      long millis = random.nextLong(from, to);
      assertEquals(ISO.format(java.time.Instant.ofEpochMilli(millis)), Timestamps.iso(millis));
    }
  }

  @Test
  void handlesLeapDaysAndYearEnds() {
    for (String text : new String[] {"2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z",
        "1999-12-31T23:59:59.999Z", "2100-03-01T00:00:00.001Z", "1970-01-01T00:00:00.000Z"}) {
      assertEquals(text, Timestamps.iso(java.time.Instant.parse(text).toEpochMilli()));
    }
  }
}
