package io.kitagent.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReturnValuesTest {

  @Test
  void numbersBecomeTheBoxOfTheReturnType() {
    assertEquals(42, ReturnValues.convert(42L, "int"));
    assertEquals(7_000_000_000L, ReturnValues.convert(7_000_000_000L, "long"));
    assertEquals((short) 3, ReturnValues.convert(3L, "java.lang.Short"));
    assertEquals((byte) -1, ReturnValues.convert(-1L, "byte"));
    assertEquals(2.5, ReturnValues.convert(2.5, "double"));
    assertEquals(2.0f, ReturnValues.convert(2L, "float"));
    assertEquals(true, ReturnValues.convert(true, "boolean"));
    assertEquals('x', ReturnValues.convert("x", "char"));
    assertEquals("fallback", ReturnValues.convert("fallback", "java.lang.String"));
  }

  @Test
  void aNumberThatDoesNotFitIsAnErrorNotATruncation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReturnValues.convert(7_000_000_000L, "int"));
    assertEquals("7000000000 does not fit the method's return type int", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReturnValues.convert(2.5, "int"));
    assertThrows(IllegalArgumentException.class, () -> ReturnValues.convert("1", "long"));
    assertThrows(IllegalArgumentException.class, () -> ReturnValues.convert(1L, "java.lang.String"));
    assertThrows(IllegalArgumentException.class, () -> ReturnValues.convert("xy", "char"));
  }

  @Test
  void nullFitsReferencesAndVoidButNoPrimitive() {
    assertNull(ReturnValues.convert(null, "java.lang.Integer"));
    assertNull(ReturnValues.convert(null, "java.lang.String"));
    assertNull(ReturnValues.convert(null, "void"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReturnValues.convert(null, "int"))
        .getMessage().contains("cannot be null"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReturnValues.convert(1L, "void"))
        .getMessage().contains("returns void"));
  }

  @Test
  void beansAreLeftToJackson() {
    assertTrue(ReturnValues.simple("int"));
    assertTrue(ReturnValues.simple("java.lang.Boolean"));
    assertFalse(ReturnValues.simple("com.example.Order"));
    assertFalse(ReturnValues.simple("[I"));
  }
}
