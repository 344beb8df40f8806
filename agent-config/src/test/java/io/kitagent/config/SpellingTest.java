package io.kitagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpellingTest {

  private static final Set<String> TOP_LEVEL = new LinkedHashSet<>(List.of("agent", "service", "logging", "methods"));
  private static final Set<String> LOG = new LinkedHashSet<>(List.of("level", "args", "result", "redact"));

  @Test
  void distanceOfEqualWordsIsZero() {
    assertEquals(0, Spelling.distance("strict", "strict"));
    assertEquals(0, Spelling.distance("", ""));
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(1, Spelling.distance("strickt", "strict"), "one insertion");
    assertEquals(1, Spelling.distance("methds", "methods"), "one deletion");
    assertEquals(1, Spelling.distance("levol", "level"), "one substitution");
    assertEquals(3, Spelling.distance("kitten", "sitting"));
    assertEquals(6, Spelling.distance("", "strict"));
  }

  @Test
  void swappingTwoNeighboursCountsAsOneEdit() {
    assertEquals(1, Spelling.distance("strcit", "strict"));
    assertEquals(1, Spelling.distance("levle", "level"));
  }

  @Test
  void distanceIsCaseSensitive() {
    assertEquals(1, Spelling.distance("Strict", "strict"));
  }

  @Test
  void closestSuggestsTheKnownKeyAMisspellingWasMeantToBe() {
    assertEquals("strict", Spelling.closest("strickt", Set.of("enabled", "strict")));
    assertEquals("methods", Spelling.closest("methds", TOP_LEVEL));
    assertEquals("level", Spelling.closest("levle", LOG));
    assertEquals("service", Spelling.closest("servise", TOP_LEVEL));
  }

  @Test
  void closestIgnoresCaseButReturnsTheKnownSpelling() {
    assertEquals("methods", Spelling.closest("METHODS", TOP_LEVEL));
  }

  @Test
  void closestPicksTheNearestOfSeveralCandidates() {
    assertEquals("args", Spelling.closest("arg", LOG));
    assertEquals("result", Spelling.closest("resultt", LOG));
  }

  @Test
  void closestSuggestsNothingForATotallyDifferentWord() {
    assertNull(Spelling.closest("colour", TOP_LEVEL));
    assertNull(Spelling.closest("timeout", LOG));
    assertNull(Spelling.closest("instrumentation", TOP_LEVEL));
  }

  @Test
  void closestAllowsMoreEditsForLongerKeys() {
    // A nine-letter key may be three edits away; a seven-letter key only two.
    assertEquals("logging", Spelling.closest("lgogingxx", TOP_LEVEL));
    assertNull(Spelling.closest("sxrxixt", Set.of("strict")));
  }

  @Test
  void closestSuggestsNothingWhenThereAreNoKnownKeys() {
    assertNull(Spelling.closest("strict", Set.of()));
  }
}
