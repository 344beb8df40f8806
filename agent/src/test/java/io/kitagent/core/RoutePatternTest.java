package io.kitagent.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoutePatternTest {

  @Test
  void aStarStandsForAnyCharacters() {
    RoutePattern orders = new RoutePattern("/orders/*");
    assertTrue(orders.matches("/orders/7"));
    assertTrue(orders.matches("/orders/7/items"));
    assertTrue(orders.matches("/orders/"));
    assertFalse(orders.matches("/orders"));
    assertFalse(orders.matches("/shop/orders/7"));
    assertFalse(orders.matches(null));
  }

  @Test
  void piecesMatchInOrderWithoutOverlapping() {
    RoutePattern items = new RoutePattern("/*/items/*.json");
    assertTrue(items.matches("/orders/items/7.json"));
    assertFalse(items.matches("/orders/items/7.xml"));
    assertFalse(new RoutePattern("/ab*ba").matches("/aba"), "the two ends may not share characters");
    assertTrue(new RoutePattern("/ab*ba").matches("/abba"));
  }

  @Test
  void withoutAStarThePathMustBeEqual() {
    assertTrue(new RoutePattern("/health").matches("/health"));
    assertFalse(new RoutePattern("/health").matches("/health/x"));
  }
}
