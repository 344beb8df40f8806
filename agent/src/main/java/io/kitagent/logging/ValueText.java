package io.kitagent.logging;

import java.util.Arrays;

/** Turns an argument or result into log text: its {@code toString}, cut, and never throwing. */
public final class ValueText {

  public static final int MAX_LENGTH = 256;
  public static final String REDACTED = "***";

  private ValueText() {}

  public static String of(Object value) {
    String text;
    try {
      text = value == null ? "null" : value.getClass().isArray() ? array(value) : String.valueOf(value);
    } catch (Throwable t) {
      return "<toString failed: " + t.getClass().getName() + ">";
    }
    if (text == null) {
      return "null";
    }
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return text.substring(0, end) + "...";
  }

  private static String array(Object value) {
    if (value instanceof Object[] a) {
      return Arrays.deepToString(a);
    } else if (value instanceof int[] a) {
      return Arrays.toString(a);
    } else if (value instanceof long[] a) {
      return Arrays.toString(a);
    } else if (value instanceof byte[] a) {
      return "byte[" + a.length + "]";
    } else if (value instanceof char[] a) {
      return "char[" + a.length + "]";
    } else if (value instanceof double[] a) {
      return Arrays.toString(a);
    } else if (value instanceof float[] a) {
      return Arrays.toString(a);
    } else if (value instanceof short[] a) {
      return Arrays.toString(a);
    } else if (value instanceof boolean[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(value);
  }
}
