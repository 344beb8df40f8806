package io.kitagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldsTest {

  private static final Set<String> TOP_LEVEL = new LinkedHashSet<>(List.of("agent", "service", "logging", "methods"));
  private static final Set<String> LOG = new LinkedHashSet<>(List.of("level", "args", "result", "redact"));

  @Test
  void distanceOfEqualWordsIsZero() {
    assertEquals(0, Fields.distance("strict", "strict"));
    assertEquals(0, Fields.distance("", ""));
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(1, Fields.distance("strickt", "strict"), "one insertion");
    assertEquals(1, Fields.distance("methds", "methods"), "one deletion");
    assertEquals(1, Fields.distance("levol", "level"), "one substitution");
    assertEquals(3, Fields.distance("kitten", "sitting"));
    assertEquals(6, Fields.distance("", "strict"));
  }

  @Test
  void swappingTwoNeighboursCountsAsOneEdit() {
    assertEquals(1, Fields.distance("strcit", "strict"));
    assertEquals(1, Fields.distance("levle", "level"));
  }

  @Test
  void distanceIsCaseSensitive() {
    assertEquals(1, Fields.distance("Strict", "strict"));
  }

  @Test
  void closestSuggestsTheKnownKeyAMisspellingWasMeantToBe() {
    assertEquals("strict", Fields.closest("strickt", Set.of("enabled", "strict")));
    assertEquals("methods", Fields.closest("methds", TOP_LEVEL));
    assertEquals("level", Fields.closest("levle", LOG));
    assertEquals("service", Fields.closest("servise", TOP_LEVEL));
  }

  @Test
  void closestIgnoresCaseButReturnsTheKnownSpelling() {
    assertEquals("methods", Fields.closest("METHODS", TOP_LEVEL));
  }

  @Test
  void closestPicksTheNearestOfSeveralCandidates() {
    assertEquals("args", Fields.closest("arg", LOG));
    assertEquals("result", Fields.closest("resultt", LOG));
  }

  @Test
  void closestSuggestsNothingForATotallyDifferentWord() {
    assertNull(Fields.closest("colour", TOP_LEVEL));
    assertNull(Fields.closest("timeout", LOG));
    assertNull(Fields.closest("instrumentation", TOP_LEVEL));
  }

  @Test
  void closestAllowsMoreEditsForLongerKeys() {
    // A nine-letter key may be three edits away; a seven-letter key only two.
    assertEquals("logging", Fields.closest("lgogingxx", TOP_LEVEL));
    assertNull(Fields.closest("sxrxixt", Set.of("strict")));
  }

  @Test
  void closestSuggestsNothingWhenThereAreNoKnownKeys() {
    assertNull(Fields.closest("strict", Set.of()));
  }
}
