package io.kitagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesEveryUnit() {
    assertEquals(Duration.ofNanos(100), Durations.parse("100ns"));
    assertEquals(Duration.ofNanos(10_000), Durations.parse("10us"));
    assertEquals(Duration.ofMillis(50), Durations.parse("50ms"));
    assertEquals(Duration.ofSeconds(3), Durations.parse("3s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofDays(7), Durations.parse("7d"));
  }

  @Test
  void parsesFractionsOfAUnit() {
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("1.5m"));
    assertEquals(Duration.ofNanos(250_000), Durations.parse("0.25ms"));
  }

  @Test
  void parsesIsoDurationsInEitherCase() {
    assertEquals(Duration.ofSeconds(1), Durations.parse("PT1S"));
    assertEquals(Duration.ofMillis(500), Durations.parse("pt0.5s"));
    assertEquals(Duration.ofDays(1).plusHours(2), Durations.parse("P1DT2H"));
  }

  @Test
  void ignoresSpacesAroundAndBeforeTheUnit() {
    assertEquals(Duration.ofMillis(50), Durations.parse("  50ms "));
    assertEquals(Duration.ofSeconds(5), Durations.parse("5 s"));
  }

  @Test
  void aNumberWithoutAUnitAsksForOne() {
    for (String text : List.of("10", "1.5")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
      assertEquals("expected a duration such as 50ms, 1s or 2m, got \"" + text + "\""
          + " (add a unit: ns, us, ms, s, m, h or d)", e.getMessage());
    }
  }

  @Test
  void textThatIsNotADurationGetsNoUnitHint() {
    for (String text : List.of("fast", "10 sec", "5S", "-5s", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text),
          text);
      assertEquals("expected a duration such as 50ms, 1s or 2m, got \"" + text + "\"", e.getMessage());
    }
  }

  @Test
  void aMalformedIsoDurationShowsAnIsoExample() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("PT1X"));

    assertEquals("expected a duration such as 50ms, 1s or PT1S, got \"PT1X\"", e.getMessage());
  }

  @Test
  void formatUsesTheLargestUnitThatWritesAWholeNumber() {
    assertEquals("1s", Durations.format(Duration.ofSeconds(1)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("120s", Durations.format(Duration.ofMinutes(2)));
    assertEquals("50ms", Durations.format(Duration.ofMillis(50)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    assertEquals("10us", Durations.format(Duration.ofNanos(10_000)));
    assertEquals("1ns", Durations.format(Duration.ofNanos(1)));
    assertEquals("1001ns", Durations.format(Duration.ofNanos(1001)));
  }

  @Test
  void formattedDurationsParseBackToTheSameValue() {
    for (String text : List.of("50ms", "1.5s", "2m", "1h", "1d", "0.25ms", "7ns", "PT0.001S")) {
      Duration parsed = Durations.parse(text);
      String formatted = Durations.format(parsed);
      assertEquals(parsed, Durations.parse(formatted), text + " -> " + formatted);
      assertFalse(formatted.contains("."), formatted);
      assertTrue(formatted.matches("\\d+(ns|us|ms|s)"), formatted);
    }
  }
}
