package io.kitagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  private final List<String> lookedUp = new ArrayList<>();

  private Placeholders with(Map<String, String> variables) {
    return new Placeholders(name -> {
      lookedUp.add(name);
      return variables.get(name);
    });
  }

  @Test
  void textWithoutDollarIsReturnedAsIs() {
    String text = "com.example.OrderService#placeOrder";

    assertSame(text, with(Map.of()).resolve(text));
    assertEquals(List.of(), lookedUp);
  }

  @Test
  void placeholderIsReplacedByItsValue() {
    assertEquals("orders", with(Map.of("SERVICE", "orders")).resolve("${SERVICE}"));
    assertEquals(List.of("SERVICE"), lookedUp);
  }

  @Test
  void placeholdersAreReplacedInsideLongerText() {
    Placeholders placeholders = with(Map.of("DIR", "/var/log", "NAME", "orders"));

    assertEquals("/var/log/orders.log", placeholders.resolve("${DIR}/${NAME}.log"));
  }

  @Test
  void unsetPlaceholderTakesItsDefault() {
    assertEquals("info", with(Map.of()).resolve("${LEVEL:info}"));
  }

  @Test
  void setValueWinsOverTheDefault() {
    assertEquals("debug", with(Map.of("LEVEL", "debug")).resolve("${LEVEL:info}"));
  }

  @Test
  void defaultMayBeEmpty() {
    assertEquals("orders-", with(Map.of()).resolve("orders-${SUFFIX:}"));
  }

  @Test
  void defaultRunsToTheClosingBraceAndMayContainColons() {
    assertEquals("http://localhost:8080", with(Map.of()).resolve("${URL:http://localhost:8080}"));
    assertEquals(List.of("URL"), lookedUp);
  }

  @Test
  void emptyValueIsUsedRatherThanTheDefault() {
    assertEquals("", with(Map.of("SUFFIX", "")).resolve("${SUFFIX:x}"));
  }

  @Test
  void unsetPlaceholderWithoutDefaultNamesTheVariableAndTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> with(Map.of()).resolve("file-${LOG_DIR}/agent.log"));

    assertEquals("${LOG_DIR} is not set in the environment or as a system property, and has no default "
        + "(write ${LOG_DIR:default})", e.getMessage());
  }

  @Test
  void doubleDollarWritesALiteralPlaceholderWithoutLookingItUp() {
    assertEquals("${HOME}", with(Map.of("HOME", "/root")).resolve("$${HOME}"));
    assertEquals(List.of(), lookedUp);
  }

  @Test
  void escapedAndRealPlaceholdersMix() {
    assertEquals("${A} and b", with(Map.of("A", "a", "B", "b")).resolve("$${A} and ${B}"));
  }

  @Test
  void dollarNotFollowedByABraceIsKept() {
    assertEquals("price: 5$ or $5, $$ too", with(Map.of()).resolve("price: 5$ or $5, $$ too"));
  }

  @Test
  void emptyPlaceholderNameIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(Map.of()).resolve("${}"));
    IllegalArgumentException withDefault = assertThrows(IllegalArgumentException.class,
        () -> with(Map.of()).resolve("${:x}"));

    assertEquals("empty placeholder name in \"${}\"", e.getMessage());
    assertEquals("empty placeholder name in \"${:x}\"", withDefault.getMessage());
  }

  @Test
  void unclosedPlaceholderIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> with(Map.of("NAME", "x")).resolve("a-${NAME"));

    assertEquals("unclosed placeholder \"${NAME\"", e.getMessage());
  }

  @Test
  void fromEnvironmentFallsBackToSystemProperties() {
    String name = "kitagent.test.placeholder." + System.nanoTime();
    assertTrue(System.getenv(name) == null, "no environment variable of that name");
    System.setProperty(name, "from-property");
    try {
      assertEquals("value from-property", Placeholders.fromEnvironment().resolve("value ${" + name + "}"));
    } finally {
      System.clearProperty(name);
    }
  }
}
