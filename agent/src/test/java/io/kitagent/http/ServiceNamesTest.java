package io.kitagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {

  private final ServiceNames names = new ServiceNames(List.of(
      new ServiceSettings("inventory", List.of("inv.internal:8080", "10.0.0.5", "[::1]:9000"), io.kitagent.config.Rule.EMPTY, null),
      new ServiceSettings("payments", List.of("inv.internal:9090"), io.kitagent.config.Rule.EMPTY, null)));

  @Test
  void aHostWithAPortMatchesOnlyThatPort() {
    assertEquals("inventory", names.lookup("inv.internal", 8080));
    assertEquals("payments", names.lookup("inv.internal", 9090));
    assertNull(names.lookup("inv.internal", 80));
  }

  @Test
  void aHostWithoutAPortMatchesAnyPort() {
    assertEquals("inventory", names.lookup("10.0.0.5", 80));
    assertEquals("inventory", names.lookup("10.0.0.5", -1));
  }

  @Test
  void theServiceNameIsAlwaysOneOfItsHosts() {
    assertEquals("inventory", names.lookup("inventory", -1));
    assertEquals("inventory", names.lookup("Inventory", 8080));
  }

  @Test
  void anIpv6HostMatchesWithOrWithoutBrackets() {
    assertEquals("inventory", names.lookup("[::1]", 9000));
    assertEquals("inventory", names.lookup("::1", 9000));
  }

  @Test
  void anUnknownHostHasNoName() {
    assertNull(names.lookup("example.com", 443));
    assertNull(names.lookup(null, 80));
  }
}
