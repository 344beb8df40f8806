package io.kitagent.logging;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueTextTest {

  @Test
  void showsNullAsTheWordNull() {
    assertEquals("null", ValueText.of(null));
  }

  @Test
  void showsAnObjectByItsToString() {
    assertEquals("42", ValueText.of(42));
    assertEquals("book", ValueText.of("book"));
  }

  @Test
  void showsPrimitiveArraysByTheirElements() {
    assertEquals("[1, 2, 3]", ValueText.of(new int[] {1, 2, 3}));
    assertEquals("[7]", ValueText.of(new long[] {7L}));
    assertEquals("[1.5]", ValueText.of(new double[] {1.5}));
    assertEquals("[2.5]", ValueText.of(new float[] {2.5f}));
    assertEquals("[3]", ValueText.of(new short[] {3}));
    assertEquals("[true, false]", ValueText.of(new boolean[] {true, false}));
    assertEquals("[]", ValueText.of(new int[0]));
  }

  @Test
  void showsNestedObjectArraysDeeply() {
    Object[] nested = {"a", new int[] {1, 2}, new Object[] {"b", null}};

    assertEquals("[a, [1, 2], [b, null]]", ValueText.of(nested));
  }

  @Test
  void showsByteArraysOnlyByTheirLength() {
    assertEquals("byte[5]", ValueText.of(new byte[] {1, 2, 3, 4, 5}));
  }

  @Test
  void showsCharArraysOnlyByTheirLengthSoPasswordsStayHidden() {
    assertEquals("char[6]", ValueText.of("secret".toCharArray()));
  }

  @Test
  void keepsAValueOfExactlyTheMaximumLength() {
    String text = "x".repeat(ValueText.MAX_LENGTH);

    assertEquals(text, ValueText.of(text));
  }

  @Test
  void cutsALongerValueToTheMaximumLengthAndMarksTheCut() {
    String text = "x".repeat(ValueText.MAX_LENGTH) + "tail";

    assertEquals("x".repeat(256) + "...", ValueText.of(text));
  }

  @Test
  void cutsALongArrayToo() {
    String shown = ValueText.of(new int[500]);

    assertEquals(256 + 3, shown.length());
    assertEquals("[0, 0, ", shown.substring(0, 7));
    assertEquals("...", shown.substring(256));
  }

  @Test
  void reportsAToStringThatThrowsInsteadOfThrowing() {
    Object broken = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };

    assertEquals("<toString failed: java.lang.IllegalStateException>", ValueText.of(broken));
  }

  @Test
  void reportsAThrowingElementOfAnArray() {
    Object broken = new Object() {
      @Override
      public String toString() {
        throw new UnsupportedOperationException();
      }
    };

    assertEquals("<toString failed: java.lang.UnsupportedOperationException>",
        ValueText.of(new Object[] {"ok", broken}));
  }

  @Test
  void showsAToStringThatReturnsNullAsNull() {
    Object silent = new Object() {
      @Override
      public String toString() {
        return null;
      }
    };

    assertEquals("null", ValueText.of(silent));
  }

  @Test
  void neverCutsBetweenTheTwoHalvesOfASurrogatePair() {
    String text = "a".repeat(ValueText.MAX_LENGTH - 1) + "\uD83D\uDE00" + "tail";

    String shown = ValueText.of(text);

    assertEquals("a".repeat(ValueText.MAX_LENGTH - 1) + "...", shown);
  }

  @Test
  void hidesCharAndByteArraysNestedInsideOtherValues() {
    Object[] args = {"bob", "hunter2".toCharArray(), List.of(new byte[] {1, 2})};

    assertEquals("[bob, char[7], [byte[2]]]", ValueText.of(args));
  }

  @Test
  void rendersOnlyTheFirstElementsOfAHugeCollection() {
    List<Integer> huge = java.util.stream.IntStream.range(0, 1_000_000).boxed().toList();

    String shown = ValueText.of(huge);

    assertTrue(shown.endsWith("..."), shown);
    assertTrue(shown.length() <= ValueText.MAX_LENGTH + 3, shown);
  }

  @Test
  void stopsAtASelfContainingArray() {
    Object[] loop = new Object[1];
    loop[0] = loop;

    assertEquals("[[[[...]]]]", ValueText.of(loop));
  }
}
