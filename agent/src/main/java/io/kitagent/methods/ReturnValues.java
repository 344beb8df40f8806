package io.kitagent.methods;

import java.util.Map;

/**
 * The {@code onReject: { return: ... }} literal of a rule as the value a method of a given return type
 * returns. Primitives, their boxes and {@code String} are converted here, strictly (a number that
 * does not fit is an error, not a truncation); other types are left to Jackson
 * ({@link RefusalAnswers}).
 */
final class ReturnValues {

  private static final Map<String, String> BOXES = Map.of(
      "java.lang.Integer", "int", "java.lang.Long", "long", "java.lang.Short", "short",
      "java.lang.Byte", "byte", "java.lang.Double", "double", "java.lang.Float", "float",
      "java.lang.Boolean", "boolean", "java.lang.Character", "char");

  private ReturnValues() {}

  /** Whether {@link #convert} decides the value for this return type. */
  static boolean simple(String type) {
    return type.equals("void") || type.equals("java.lang.String") || BOXES.containsKey(type)
        || BOXES.containsValue(type);
  }

  /**
   * The value for a method returning {@code type} (a primitive's as its box); throws
   * {@link IllegalArgumentException} saying why when the literal does not fit.
   */
  static Object convert(Object literal, String type) {
    if (type.equals("void")) {
      if (literal != null) {
        throw new IllegalArgumentException("the method returns void: write return: null, or use throw");
      }
      return null;
    }
    boolean primitive = BOXES.containsValue(type);
    if (literal == null) {
      if (primitive) {
        throw new IllegalArgumentException("the method returns " + type + ", which cannot be null");
      }
      return null;
    }
    if (type.equals("java.lang.String")) {
      if (literal instanceof String text) {
        return text;
      }
      throw mismatch(literal, type);
    }
    String kind = primitive ? type : BOXES.get(type);
    return switch (kind) {
      case "boolean" -> literal instanceof Boolean flag ? flag : fail(literal, type);
      case "char" -> literal instanceof String text && text.length() == 1 ? (Object) text.charAt(0) : fail(literal, type);
      case "double" -> literal instanceof Number number ? (Object) number.doubleValue() : fail(literal, type);
      case "float" -> literal instanceof Number number ? (Object) number.floatValue() : fail(literal, type);
      default -> whole(literal, kind, type);
    };
  }

  private static Object whole(Object literal, String kind, String type) {
    if (!(literal instanceof Long number)) {
      return fail(literal, type);
    }
    long value = number;
    return switch (kind) {
      case "long" -> value;
      case "int" -> value == (int) value ? (Object) (int) value : fail(literal, type);
      case "short" -> value == (short) value ? (Object) (short) value : fail(literal, type);
      case "byte" -> value == (byte) value ? (Object) (byte) value : fail(literal, type);
      default -> fail(literal, type);
    };
  }

  private static Object fail(Object literal, String type) {
    throw mismatch(literal, type);
  }

  private static IllegalArgumentException mismatch(Object literal, String type) {
    String shown = literal instanceof String text ? "\"" + text + "\"" : String.valueOf(literal);
    return new IllegalArgumentException(shown + " does not fit the method's return type " + type);
  }
}
