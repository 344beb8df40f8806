package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.onlyProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.http.HttpSettings;
import io.kitagent.http.ServiceSettings;
import io.kitagent.logging.HttpLogPolicy;
import io.kitagent.logging.LogConfig;
import io.kitagent.metrics.MetricsConfig;
import io.kitagent.metrics.MetricsPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

  @Test
  void withoutAnHttpSectionNoRequestIsWoven() throws Exception {
    AgentConfig config = parse("service: orders\n");

    assertFalse(config.http().enabled());
    assertEquals(List.of(), config.services());
  }

  @Test
  void trueLogsAndMeasuresEveryRequestOfThatSideOnly() throws Exception {
    HttpSettings http = parse("""
        service: orders
        http:
          client: true
        """).http();

    assertTrue(http.enabled());
    assertEquals(HttpLogPolicy.DEFAULT, http.client().get(LogConfig.HTTP));
    assertEquals(MetricsPolicy.DEFAULT, http.client().get(MetricsConfig.WORD));
    assertNull(http.server(), "server not written: off");
  }

  @Test
  void eachSideChoosesItsLogAndMetricsWithTheirSettings() throws Exception {
    HttpSettings http = parse("""
        service: orders
        http:
          client: { log: { level: debug, query: true }, metrics: false }
          server:
            log: false
            metrics: { histogram: true, slo: [100ms, 1s] }
        """).http();

    assertEquals(new HttpLogPolicy(Level.DEBUG, true), http.client().get(LogConfig.HTTP));
    assertNull(http.client().get(MetricsConfig.WORD));
    assertNull(http.server().get(LogConfig.HTTP));
    assertTrue(http.server().get(MetricsConfig.WORD).histogram());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofSeconds(1)), http.server().get(MetricsConfig.WORD).slo());
  }

  @Test
  void aSideWithNeitherLogNorMetricsIsOff() throws Exception {
    HttpSettings http = parse("""
        service: orders
        http:
          client: { log: false, metrics: false }
          server: false
        """).http();

    assertFalse(http.enabled());
  }

  @Test
  void argumentTagsAreNotAnHttpSetting() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        http:
          server:
            metrics: { tags: { item: arg0 } }
        """);

    assertProblem(problem, 4, 16, "http.server.metrics.tags", "unknown key");
  }

  @Test
  void aMisspelledSideIsReportedWithTheKnownOnes() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        http:
          clients: true
        """);

    assertProblem(problem, 3, 3, "http.clients", "did you mean \"client\"");
  }

  @Test
  void servicesNameTheirHostsLowerCased() throws Exception {
    List<ServiceSettings> services = parse("""
        service: orders
        services:
          inventory:
            hosts: [Inventory.Internal:8080, 10.0.0.5, "[::1]:9000"]
          payments:
            hosts: payments.example.com
        """).services();

    assertEquals(List.of(
        new ServiceSettings("inventory", List.of("inventory.internal:8080", "10.0.0.5", "[::1]:9000"), Rule.EMPTY, null),
        new ServiceSettings("payments", List.of("payments.example.com"), Rule.EMPTY, null)), services);
  }

  @Test
  void aHostWithSchemeOrPathOrABadPortIsReportedAtItsItem() {
    List<ConfigProblem> problems = problems("""
        service: orders
        services:
          inventory:
            hosts: [http://inventory:8080, inventory/api, inventory:99999, 8080]
        """);

    assertEquals(4, problems.size(), problems::toString);
    assertProblem(problems.get(0), 4, 13, "services.inventory.hosts[0]", "no scheme, no path", "http://inventory:8080");
    assertProblem(problems.get(1), 4, 36, "services.inventory.hosts[1]", "inventory/api");
    assertProblem(problems.get(2), 4, 51, "services.inventory.hosts[2]", "inventory:99999");
    assertProblem(problems.get(3), 4, 68, "services.inventory.hosts[3]", "expected host or host:port, got 8080");
  }

  @Test
  void anUnknownKeyInAServiceIsReported() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        services:
          inventory:
            host: [a]
        """);

    assertProblem(problem, 4, 5, "services.inventory.host", "did you mean \"hosts\"");
  }

  @Test
  void checkPrintsTheHttpAndServicesSections() throws Exception {
    AgentConfig config = parse("""
        service: orders
        http:
          client: { log: true }
        services:
          inventory: { hosts: [inv:80] }
        """);

    assertEquals("{client={log={level=info, query=false}}, server=false}",
        config.describe().get("http").toString());
    assertEquals("{inventory={hosts=[inv:80]}}", config.describe().get("services").toString());
  }
}
