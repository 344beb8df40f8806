package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kitagent.discovery.ServiceDiscovery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code resolve}, {@code instances} and {@code balancer} of a service. */
class DiscoveryConfigTest {

  @Test
  void aStaticListWithThePowerOfTwoByDefault() throws Exception {
    AgentConfig config = parse("""
        service: orders
        services:
          inventory:
            resolve: static
            instances: [127.0.0.1:8081, "[::1]:8082"]
          payments:
            hosts: [payments.internal]
        """);
    ServiceDiscovery inventory = config.services().get(0).discovery();
    assertEquals(ServiceDiscovery.Resolve.STATIC, inventory.resolve());
    assertEquals(List.of("127.0.0.1:8081", "[::1]:8082"), inventory.instances());
    assertEquals(ServiceDiscovery.Balancer.POWER_OF_TWO, inventory.balancer());
    assertNull(config.services().get(1).discovery());
  }

  @Test
  void everyBalancerHasItsWord() throws Exception {
    for (ServiceDiscovery.Balancer kind : ServiceDiscovery.Balancer.values()) {
      AgentConfig config = parse("""
          service: orders
          services:
            inventory: { resolve: static, instances: [127.0.0.1:8081], balancer: %s }
          """.formatted(Fields.word(kind)));
      assertEquals(kind, config.services().get(0).discovery().balancer());
    }
  }

  @Test
  void aSourceWithoutWhatItNeedsAndBadAddressesAreErrors() {
    List<ConfigProblem> problems = problems("""
        service: orders
        services:
          inventory: { resolve: static }
          payments: { resolve: static, instances: [payments, "10.0.0.1:99999"] }
          shipping: { resolve: zookeeper, balancer: fastest }
        """);

    assertEquals(5, problems.size(), problems.toString());
    assertProblem(problems.get(0), 3, 25, "services.inventory.instances", "needs instances");
    assertProblem(problems.get(1), 4, 44, "services.payments.instances[0]", "expected host:port");
    assertProblem(problems.get(2), 4, 54, "services.payments.instances[1]", "expected host:port");
    assertProblem(problems.get(3), 5, 24, "services.shipping.resolve", "expected one of static");
    assertProblem(problems.get(4), 5, 45, "services.shipping.balancer", "power-of-two");
  }

  @Test
  void aBalancerWithNothingToChooseAmongIsAnError() {
    List<ConfigProblem> problems = problems("""
        service: orders
        services:
          inventory: { hosts: ["10.0.0.1:80", "10.0.0.2:80"], breaker: { scope: instance }, balancer: random }
          payments: { balancer: random }
        """);

    assertEquals(1, problems.size(), problems.toString());
    assertProblem(problems.get(0), 4, 25, "services.payments.balancer", "no instances to choose among");
  }

  @Test
  void dnsSrvNeedsItsRecordAndTheServerIsHostAndPort() throws Exception {
    AgentConfig config = parse("""
        service: orders
        discovery:
          dns: { server: "127.0.0.1:5353" }
        services:
          inventory: { resolve: dns-srv, record: _http._tcp.inventory.service.local }
        """);
    assertEquals("_http._tcp.inventory.service.local", config.services().get(0).discovery().key());
    assertEquals("127.0.0.1:5353", config.discovery().dnsServer());
    List<ConfigProblem> problems = problems("""
        service: orders
        discovery:
          dns: { server: "dns://x" }
        services:
          inventory: { resolve: dns-srv }
        """);
    assertEquals(2, problems.size(), problems.toString());
    assertProblem(problems.get(0), 5, 14, "services.inventory.record", "required key is missing");
    assertProblem(problems.get(1), 3, 18, "discovery.dns.server", "host or host:port");
  }
}
