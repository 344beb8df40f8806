package io.kitagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MethodPatternTest {

  // ---------------------------------------------------------------- classes

  @Test
  void exactClassMatchesOnlyThatClass() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder");

    assertTrue(pattern.matchesClass("com.example.OrderService"));
    assertFalse(pattern.matchesClass("com.example.OrderServiceImpl"));
    assertFalse(pattern.matchesClass("com.example.sub.OrderService"));
    assertFalse(pattern.matchesClass("org.example.OrderService"));
  }

  @Test
  void dotsInThePatternAreLiteralDots() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder");

    assertFalse(pattern.matchesClass("comXexampleXOrderService"));
  }

  @Test
  void singleStarMatchesWithinOneSegmentOnly() {
    MethodPattern pattern = MethodPattern.parse("com.example.*#*");

    assertTrue(pattern.matchesClass("com.example.OrderService"));
    assertFalse(pattern.matchesClass("com.example.sub.OrderService"), "* must not cross into a sub-package");
    assertFalse(pattern.matchesClass("com.OrderService"));
  }

  @Test
  void starInsideANameMatchesAnyRunOfCharactersInThatName() {
    MethodPattern pattern = MethodPattern.parse("com.example.Order*Service#*");

    assertTrue(pattern.matchesClass("com.example.OrderService"));
    assertTrue(pattern.matchesClass("com.example.OrderQueryService"));
    assertFalse(pattern.matchesClass("com.example.OrderServiceImpl"));
    assertFalse(pattern.matchesClass("com.example.Order.sub.Service"));
  }

  @Test
  void starInAPackageSegmentDoesNotSpanTwoSegments() {
    MethodPattern pattern = MethodPattern.parse("com.*.OrderService#*");

    assertTrue(pattern.matchesClass("com.example.OrderService"));
    assertFalse(pattern.matchesClass("com.example.orders.OrderService"));
  }

  @Test
  void doubleStarAloneMatchesEveryClass() {
    MethodPattern pattern = MethodPattern.parse("**#*");

    assertTrue(pattern.matchesClass("OrderService"));
    assertTrue(pattern.matchesClass("com.example.orders.OrderService"));
    assertTrue(pattern.matchesClass("com.example.Outer$Inner"));
  }

  @Test
  void doubleStarAtTheStartMatchesAnyPackageIncludingNone() {
    MethodPattern pattern = MethodPattern.parse("**.OrderService#*");

    assertTrue(pattern.matchesClass("OrderService"));
    assertTrue(pattern.matchesClass("com.OrderService"));
    assertTrue(pattern.matchesClass("com.example.orders.OrderService"));
    assertFalse(pattern.matchesClass("com.example.MyOrderService"), "** stops at a segment boundary");
    assertFalse(pattern.matchesClass("com.example.OrderServiceImpl"));
  }

  @Test
  void doubleStarInTheMiddleMatchesZeroOrMoreSegments() {
    MethodPattern pattern = MethodPattern.parse("com.**.OrderService#*");

    assertTrue(pattern.matchesClass("com.OrderService"));
    assertTrue(pattern.matchesClass("com.example.OrderService"));
    assertTrue(pattern.matchesClass("com.example.orders.v2.OrderService"));
    assertFalse(pattern.matchesClass("org.example.OrderService"));
    assertFalse(pattern.matchesClass("company.OrderService"), "com must be a whole segment");
  }

  @Test
  void doubleStarAtTheEndMatchesEveryClassBelowThePackage() {
    MethodPattern pattern = MethodPattern.parse("com.example.**#*");

    assertTrue(pattern.matchesClass("com.example.OrderService"));
    assertTrue(pattern.matchesClass("com.example.orders.v2.OrderService"));
    assertFalse(pattern.matchesClass("com.example"), "the package itself is not a class in it");
    assertFalse(pattern.matchesClass("com.examples.OrderService"));
    assertFalse(pattern.matchesClass("org.example.OrderService"));
  }

  @Test
  void dollarNamesANestedClassLiterally() {
    MethodPattern pattern = MethodPattern.parse("com.example.Outer$Inner#run");

    assertTrue(pattern.matchesClass("com.example.Outer$Inner"));
    assertFalse(pattern.matchesClass("com.example.Outer"));
    assertFalse(pattern.matchesClass("com.example.OuterInner"));
    assertFalse(pattern.matchesClass("com.example.Outer.Inner"));
  }

  @Test
  void starAfterDollarMatchesEveryNestedClass() {
    MethodPattern pattern = MethodPattern.parse("com.example.Outer$*#run");

    assertTrue(pattern.matchesClass("com.example.Outer$Inner"));
    assertTrue(pattern.matchesClass("com.example.Outer$1"));
    assertFalse(pattern.matchesClass("com.example.Outer"));
  }

  // ---------------------------------------------------------------- methods

  @Test
  void methodNameMatchesExactly() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder");

    assertTrue(pattern.matchesMethod("placeOrder"));
    assertFalse(pattern.matchesMethod("placeOrders"));
    assertFalse(pattern.matchesMethod("replaceOrder"));
  }

  @Test
  void methodGlobMatchesAnyRunOfCharacters() {
    MethodPattern prefix = MethodPattern.parse("com.example.OrderService#place*");
    MethodPattern middle = MethodPattern.parse("com.example.OrderService#get*Id");

    assertTrue(prefix.matchesMethod("place"));
    assertTrue(prefix.matchesMethod("placeOrder"));
    assertFalse(prefix.matchesMethod("replace"));
    assertTrue(middle.matchesMethod("getOrderId"));
    assertTrue(middle.matchesMethod("getId"));
    assertFalse(middle.matchesMethod("getIdentity"));
  }

  @Test
  void starAloneMatchesEveryMethod() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#*");

    assertTrue(pattern.matchesMethod("placeOrder"));
    assertTrue(pattern.matchesMethod("lambda$placeOrder$0"));
  }

  // ---------------------------------------------------------------- parameters

  @Test
  void noParameterListMatchesAnyParameters() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder");

    assertNull(pattern.parameters());
    assertTrue(pattern.matchesParameters(List.of()));
    assertTrue(pattern.matchesParameters(List.of("java.lang.String", "int")));
  }

  @Test
  void emptyParameterListMatchesOnlyNoParameters() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder()");

    assertEquals(List.of(), pattern.parameters());
    assertTrue(pattern.matchesParameters(List.of()));
    assertFalse(pattern.matchesParameters(List.of("int")));
  }

  @Test
  void fullyQualifiedParameterMatchesExactly() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder(com.example.Order)");

    assertTrue(pattern.matchesParameters(List.of("com.example.Order")));
    assertFalse(pattern.matchesParameters(List.of("com.example.other.Order")));
    assertFalse(pattern.matchesParameters(List.of("com.example.Order", "int")), "count must match");
  }

  @Test
  void simpleNameMatchesATypeOfThatSimpleNameInAnyPackage() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder(String,List)");

    assertTrue(pattern.matchesParameters(List.of("java.lang.String", "java.util.List")));
    assertTrue(pattern.matchesParameters(List.of("com.example.String", "java.util.List")));
    assertFalse(pattern.matchesParameters(List.of("java.lang.StringBuilder", "java.util.List")));
    assertFalse(pattern.matchesParameters(List.of("java.lang.String", "java.util.ArrayList")));
  }

  @Test
  void primitiveParametersMatchByName() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder(int, long, boolean)");

    assertTrue(pattern.matchesParameters(List.of("int", "long", "boolean")));
    assertFalse(pattern.matchesParameters(List.of("java.lang.Integer", "long", "boolean")));
    assertFalse(pattern.matchesParameters(List.of("long", "int", "boolean")), "order matters");
  }

  @Test
  void arrayParametersMatchArraysOnly() {
    MethodPattern pattern = MethodPattern.parse("com.example.OrderService#placeOrder(int[], String[][])");

    assertEquals(List.of("int[]", "String[][]"), pattern.parameters());
    assertTrue(pattern.matchesParameters(List.of("int[]", "java.lang.String[][]")));
    assertFalse(pattern.matchesParameters(List.of("int", "java.lang.String[][]")));
    assertFalse(pattern.matchesParameters(List.of("int[]", "java.lang.String[]")));
  }

  @Test
  void spacesAroundParametersAreIgnored() {
    MethodPattern pattern = MethodPattern.parse("  com.example.OrderService#placeOrder ( String ,  int )  ");

    assertEquals("com.example.OrderService#placeOrder ( String ,  int )", pattern.text());
    assertEquals(List.of("String", "int"), pattern.parameters());
    assertTrue(pattern.matchesMethod("placeOrder"));
  }

  // ---------------------------------------------------------------- malformed patterns

  @Test
  void patternWithoutHashIsRejectedWithAnExample() {
    IllegalArgumentException e = rejected("com.example.OrderService.placeOrder");

    assertEquals("expected <class>#<method>, for example com.example.orders.OrderService#placeOrder, "
        + "got \"com.example.OrderService.placeOrder\"", e.getMessage());
  }

  @Test
  void emptyClassPartIsRejected() {
    IllegalArgumentException e = rejected("#placeOrder");

    assertTrue(e.getMessage().startsWith("the class part before \"#\" is empty"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} names segment \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "com.exa-mple.OrderService#placeOrder | exa-mple",
      "com..OrderService#placeOrder         | ''",
      "com.example.#placeOrder              | ''",
      "com.example.Order**#placeOrder       | Order**",
      "com.example.***#placeOrder           | ***",
      "com.example.Order Service#place      | Order Service",
  })
  void badClassSegmentIsRejectedAndNamed(String pattern, String segment) {
    IllegalArgumentException e = rejected(pattern);

    assertEquals("\"" + segment + "\" is not a package or class name (letters, digits, _, $, * or a whole ** "
        + "segment) in \"" + pattern + "\"", e.getMessage());
  }

  @ParameterizedTest(name = "{0} names method \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "com.example.OrderService#pl@ce   | pl@ce",
      "com.example.OrderService#        | ''",
      "com.example.OrderService#a#b     | a#b",
      "com.example.OrderService#place)  | place)",
  })
  void badMethodNameIsRejectedAndNamed(String pattern, String method) {
    IllegalArgumentException e = rejected(pattern);

    assertEquals("\"" + method + "\" is not a method name (letters, digits, _, $ or *) in \"" + pattern + "\"",
        e.getMessage());
  }

  @Test
  void unclosedParameterListIsRejected() {
    IllegalArgumentException e = rejected("com.example.OrderService#placeOrder(int");

    assertEquals("parameter list must end with \")\", got \"com.example.OrderService#placeOrder(int\"",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} names parameter \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "a.B#c(int x)                   | int x",
      "a.B#c(int,)                    | ''",
      "a.B#c(1int)                    | 1int",
      "a.B#c(java.util.List<String>)  | java.util.List<String>",
      "a.B#c(int[)                    | int[",
  })
  void badParameterTypeIsRejectedAndNamed(String pattern, String parameter) {
    IllegalArgumentException e = rejected(pattern);

    assertEquals("\"" + parameter + "\" is not a parameter type in \"" + pattern + "\"", e.getMessage());
  }

  private static IllegalArgumentException rejected(String pattern) {
    return assertThrows(IllegalArgumentException.class, () -> MethodPattern.parse(pattern));
  }
}
