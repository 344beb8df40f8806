package io.kitagent.config;

import static io.kitagent.config.ConfigTesting.assertProblem;
import static io.kitagent.config.ConfigTesting.onlyProblem;
import static io.kitagent.config.ConfigTesting.parse;
import static io.kitagent.config.ConfigTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.metrics.ArgumentTag;
import io.kitagent.metrics.MetricsConfig;
import io.kitagent.metrics.MetricsPolicy;
import io.kitagent.metrics.MetricsSettings;
import io.kitagent.metrics.StatsdSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {

  // ---------------------------------------------------------------- defaults

  @Test
  void withoutAMetricsSectionPrometheusAndJvmMetersAreOnAndNothingIsPushed() throws Exception {
    AgentConfig config = parse("""
        service: orders
        """);

    MetricsSettings metrics = config.metrics();
    assertTrue(metrics.prometheus(), "prometheus defaults to true");
    assertTrue(metrics.jvm(), "jvm defaults to true");
    assertNull(metrics.statsd(), "no statsd unless configured");
    assertNull(metrics.stdoutStep(), "no stdout reporting unless configured");
    assertEquals(100, metrics.maxTagValues());
    assertEquals(MetricsSettings.DEFAULT_MAX_TAG_VALUES, metrics.maxTagValues());
  }

  @Test
  void anEmptyMetricsSectionGetsTheSameDefaults() throws Exception {
    AgentConfig config = parse("""
        service: orders
        metrics: {}
        """);

    assertEquals(new MetricsSettings(true, true, null, null, 100), config.metrics());
  }

  @Test
  void theAdminEndpointDefaultsToLoopbackPort9464WithoutAToken() throws Exception {
    AgentConfig config = parse("""
        service: orders
        """);

    AdminSettings admin = config.agent().admin();
    assertEquals(new AdminSettings(true, "127.0.0.1", 9464, null), admin);
    assertEquals("127.0.0.1:9464", admin.address());
    assertEquals(AdminSettings.DEFAULT_ADDRESS, admin.address());
  }

  @Test
  void aRuleWithoutMetricsRecordsNone() throws Exception {
    AgentConfig config = parse("""
        service: orders
        methods:
          - match: com.example.A#a
            log: true
        """);

    assertNull(config.methods().get(0).get(MetricsConfig.WORD));
  }

  // ---------------------------------------------------------------- valid sections

  @Test
  void aFullMetricsSectionLoadsWithEveryValueAsWritten() throws Exception {
    AgentConfig config = parse("""
        service: orders
        metrics:
          prometheus: false
          jvm: false
          statsd:
            host: statsd.internal
            port: 9125
            flavor: telegraf
            step: 1.5s
          stdout:
            step: 2m
          maxTagValues: 20
        methods:
          - match: com.example.OrderService#place*
            metrics:
              histogram: true
              percentiles: [0.5, 0.95, 0.99]
              slo: [50ms, PT1S]
              tags:
                region: arg0.address.region
                tier: arg1
        """);

    assertEquals(new MetricsSettings(false, false,
        new StatsdSettings("statsd.internal", 9125, StatsdSettings.Flavor.TELEGRAF, Duration.ofMillis(1500)),
        Duration.ofMinutes(2), 20), config.metrics());
    assertEquals(new MetricsPolicy(true, List.of(0.5, 0.95, 0.99),
        List.of(Duration.ofMillis(50), Duration.ofSeconds(1)),
        List.of(new ArgumentTag("region", "arg0.address.region", 0, List.of("address", "region")),
            new ArgumentTag("tier", "arg1", 1, List.of()))),
        config.methods().get(0).get(MetricsConfig.WORD));
  }

  @Test
  void anEmptyStatsdSectionSendsToLocalDatadogAgentEveryTenSeconds() throws Exception {
    AgentConfig config = parse("""
        service: orders
        metrics:
          statsd: {}
        """);

    assertEquals(new StatsdSettings("127.0.0.1", 8125, StatsdSettings.Flavor.DATADOG, Duration.ofSeconds(10)),
        config.metrics().statsd());
  }

  @Test
  void anEmptyStdoutSectionReportsEveryMinute() throws Exception {
    AgentConfig config = parse("""
        service: orders
        metrics:
          stdout: {}
        """);

    assertEquals(Duration.ofSeconds(60), config.metrics().stdoutStep());
  }

  @Test
  void statsdFlavorIgnoresCase() throws Exception {
    AgentConfig config = parse("""
        service: orders
        metrics:
          statsd:
            flavor: ETSY
        """);

    assertEquals(StatsdSettings.Flavor.ETSY, config.metrics().statsd().flavor());
  }

  @Test
  void metricsTrueOnARuleGivesTheDefaultPolicyAndFalseNone() throws Exception {
    AgentConfig config = parse("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics: true
          - match: com.example.B#b
            metrics: false
        """);

    assertEquals(MetricsPolicy.DEFAULT, config.methods().get(0).get(MetricsConfig.WORD));
    assertEquals(new MetricsPolicy(false, List.of(), List.of(), List.of()), MetricsPolicy.DEFAULT);
    assertTrue(config.methods().get(0).hasPolicies(), "metrics alone is a policy");
    assertNull(config.methods().get(1).get(MetricsConfig.WORD));
    assertFalse(config.methods().get(1).hasPolicies());
  }

  @Test
  void aRuleMetricsMappingFillsInTheDefaultsItLeavesOut() throws Exception {
    AgentConfig config = parse("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              histogram: true
        """);

    assertEquals(new MetricsPolicy(true, List.of(), List.of(), List.of()), config.methods().get(0).get(MetricsConfig.WORD));
  }

  @Test
  void tagSourcesMayBeSurroundedBySpaces() throws Exception {
    AgentConfig config = parse("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              tags:
                region: " arg2.region "
        """);

    assertEquals(List.of(new ArgumentTag("region", "arg2.region", 2, List.of("region"))),
        config.methods().get(0).get(MetricsConfig.WORD).tags());
  }

  // ---------------------------------------------------------------- problems in metrics:

  @Test
  void aNonNumericPercentileIsAProblemNotACrash() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            metrics: { percentiles: [.nan] }
        """);

    assertProblem(problem, 4, 30, "methods[0].metrics.percentiles[0]", "expected a percentile between 0 and 1");
  }

  @Test
  void anArgumentTagMayNotTakeTheNameOfATagTheAgentSets() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.OrderService#placeOrder
            metrics: { tags: { method: arg0 } }
        """);

    assertProblem(problem, 4, 24, "methods[0].metrics.tags.method", "a tag the agent sets itself");
  }

  @Test
  void aDurationBeyondWhatCanBeCountedIsAProblemNotACrash() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics: { stdout: { step: PT1000000000H } }
        """);

    assertProblem(problem, 2, 28, "metrics.stdout.step", "longest duration");
  }

  @Test
  void ipv6AdminAddressesNeedBrackets() throws Exception {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent: { admin: { address: "::1:9464" } }
        """);

    assertProblem(problem, 2, 28, "agent.admin.address", "[::1]:9464");
    assertEquals("::1", ConfigLoader.withVariables(java.util.Map.of()).parse("orders.yaml", """
        service: orders
        agent: { admin: { address: "[::1]:9464" } }
        """).agent().admin().host());
  }

  @Test
  void aHostNameThatOnlyStartsWith127IsNotLoopback() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent: { admin: { address: "127.evil.example:9464" } }
        """);

    assertProblem(problem, 2, 28, "agent.admin.address", "not a loopback address");
  }

  @Test
  void anUnknownStatsdFlavorListsTheFlavors() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          statsd:
            flavor: graphite
        """);

    assertProblem(problem, 4, 13, "metrics.statsd.flavor",
        "expected one of etsy, datadog, telegraf, got \"graphite\"");
  }

  @Test
  void aStatsdPortAbove65535IsOutOfRange() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          statsd:
            port: 70000
        """);

    assertProblem(problem, 4, 11, "metrics.statsd.port", "expected a number from 1 to 65535, got 70000");
  }

  @Test
  void aStatsdPortOfZeroIsOutOfRange() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          statsd: {port: 0}
        """);

    assertProblem(problem, 3, 18, "metrics.statsd.port", "expected a number from 1 to 65535, got 0");
  }

  @Test
  void aStepWithoutAUnitAsksForOne() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          statsd:
            step: 10
        """);

    assertProblem(problem, 4, 11, "metrics.statsd.step", "got \"10\"",
        "add a unit: ns, us, ms, s, m, h or d");
  }

  @Test
  void aZeroStepIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          stdout:
            step: 0s
        """);

    assertProblem(problem, 4, 11, "metrics.stdout.step", "must be longer than zero, got \"0s\"");
  }

  @Test
  void aNegativeIsoStepIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          stdout:
            step: PT-5S
        """);

    assertProblem(problem, 4, 11, "metrics.stdout.step", "must be longer than zero");
  }

  @Test
  void maxTagValuesBelowOneIsOutOfRange() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          maxTagValues: 0
        """);

    assertProblem(problem, 3, 17, "metrics.maxTagValues", "expected a number from 1 to 100000, got 0");
  }

  @Test
  void anUnknownKeyInMetricsSuggestsTheClosestKnownKey() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          promethus: false
        """);

    assertProblem(problem, 3, 3, "metrics.promethus", "unknown key (did you mean \"prometheus\"?)",
        "known keys here: prometheus, jvm, statsd, stdout, maxTagValues");
  }

  @Test
  void anUnknownKeyInStatsdSuggestsTheClosestKnownKey() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          statsd:
            hots: statsd.internal
        """);

    assertProblem(problem, 4, 5, "metrics.statsd.hots", "unknown key (did you mean \"host\"?)",
        "known keys here: host, port, flavor, step");
  }

  @Test
  void anUnknownKeyInStdoutSuggestsStep() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        metrics:
          stdout:
            stpe: 5s
        """);

    assertProblem(problem, 4, 5, "metrics.stdout.stpe", "unknown key (did you mean \"step\"?)");
  }

  @Test
  void everyProblemInTheMetricsSectionIsReportedInOnePass() {
    List<ConfigProblem> problems = problems("""
        service: orders
        metrics:
          jvm: maybe
          statsd:
            port: 70000
            flavor: graphite
          maxTagValues: many
        """);

    assertEquals(4, problems.size(), problems::toString);
    assertProblem(problems.get(0), 3, 8, "metrics.jvm", "expected true or false, got \"maybe\"");
    assertProblem(problems.get(1), 5, 11, "metrics.statsd.port", "from 1 to 65535");
    assertProblem(problems.get(2), 6, 13, "metrics.statsd.flavor", "expected one of");
    assertProblem(problems.get(3), 7, 17, "metrics.maxTagValues", "expected a whole number, got \"many\"");
  }

  // ---------------------------------------------------------------- problems in a rule's metrics:

  @Test
  void aPercentileAboveOneIsRejectedAtItsItem() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              percentiles: [0.5, 1.5]
        """);

    assertProblem(problem, 5, 26, "methods[0].metrics.percentiles[1]",
        "expected a percentile between 0 and 1 such as 0.95, got 1.5");
  }

  @Test
  void percentilesZeroAndOneAreOutsideTheOpenInterval() {
    List<ConfigProblem> problems = problems("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              percentiles:
                - 0
                - 1
        """);

    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 6, 11, "methods[0].metrics.percentiles[0]", "between 0 and 1", "got 0");
    assertProblem(problems.get(1), 7, 11, "methods[0].metrics.percentiles[1]", "between 0 and 1", "got 1");
  }

  @Test
  void aPercentileWrittenAsTextIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              percentiles: [p99]
        """);

    assertProblem(problem, 5, 21, "methods[0].metrics.percentiles[0]", "between 0 and 1", "got \"p99\"");
  }

  @Test
  void anSloThatIsNotADurationIsRejectedAtItsItem() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              slo: [50ms, fast]
        """);

    assertProblem(problem, 5, 19, "methods[0].metrics.slo[1]",
        "expected a duration such as 50ms, 1s or 2m, got \"fast\"");
    assertFalse(problem.message().contains("add a unit"), problem.message());
  }

  @Test
  void anSloWithoutAUnitAsksForOne() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              slo: [100]
        """);

    assertProblem(problem, 5, 13, "methods[0].metrics.slo[0]", "add a unit");
  }

  @Test
  void aTagSourceThatDoesNotNameAnArgumentShowsTheForm() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              tags:
                region: first.region
        """);

    assertProblem(problem, 6, 17, "methods[0].metrics.tags.region", "arg0 or arg0.region",
        "got \"first.region\"");
  }

  @Test
  void aTagSourceEndingInADotIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              tags: {region: arg0.}
        """);

    assertProblem(problem, 5, 22, "methods[0].metrics.tags.region", "arg0 or arg0.region");
  }

  @Test
  void anUnknownKeyInARuleMetricsSuggestsTheClosestKnownKey() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics:
              histogramm: true
        """);

    assertProblem(problem, 5, 7, "methods[0].metrics.histogramm", "unknown key (did you mean \"histogram\"?)",
        "known keys here: histogram, percentiles, slo, tags");
  }

  @Test
  void metricsOnARuleMustBeABooleanOrAMapping() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        methods:
          - match: com.example.A#a
            metrics: yes please
        """);

    assertProblem(problem, 4, 14, "methods[0].metrics", "expected true or false, got \"yes please\"");
  }

  // ---------------------------------------------------------------- agent.admin

  @Test
  void anAdminAddressWithoutAPortIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          admin:
            address: localhost
        """);

    assertProblem(problem, 4, 14, "agent.admin.address", "expected host:port such as 127.0.0.1:9464",
        "got \"localhost\"");
  }

  @Test
  void anAdminAddressWithATextPortIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          admin:
            address: "127.0.0.1:http"
        """);

    assertProblem(problem, 4, 14, "agent.admin.address", "expected host:port");
  }

  @Test
  void anAdminAddressWithAPortAbove65535IsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          admin:
            address: "127.0.0.1:65536"
        """);

    assertProblem(problem, 4, 14, "agent.admin.address", "expected host:port");
  }

  @Test
  void adminPortZeroIsAllowedToPickAFreePort() throws Exception {
    AgentConfig config = parse("""
        service: orders
        agent:
          admin:
            address: "127.0.0.1:0"
        """);

    assertEquals(new AdminSettings(true, "127.0.0.1", 0, null), config.agent().admin());
  }

  @Test
  void aNonLoopbackAdminAddressWithoutATokenIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          admin:
            address: "0.0.0.0:9464"
        """);

    assertProblem(problem, 4, 14, "agent.admin.address", "0.0.0.0 is not a loopback address",
        "agent.admin.token", "Authorization: Bearer");
  }

  @Test
  void aNonLoopbackAdminAddressWithATokenIsAccepted() throws Exception {
    AgentConfig config = parse("""
        service: orders
        agent:
          admin:
            address: "0.0.0.0:9464"
            token: s3cret
        """);

    assertEquals(new AdminSettings(true, "0.0.0.0", 9464, "s3cret"), config.agent().admin());
  }

  @Test
  void aDisabledAdminEndpointNeedsNoTokenWhateverTheAddress() throws Exception {
    AgentConfig config = parse("""
        service: orders
        agent:
          admin:
            enabled: false
            address: "0.0.0.0:9464"
        """);

    assertEquals(new AdminSettings(false, "0.0.0.0", 9464, null), config.agent().admin());
  }

  @Test
  void localhostAndBracketedIpv6LoopbackNeedNoToken() throws Exception {
    AdminSettings localhost = parse("""
        service: orders
        agent:
          admin: {address: "localhost:8080"}
        """).agent().admin();
    AdminSettings ipv6 = parse("""
        service: orders
        agent:
          admin: {address: "[::1]:9464"}
        """).agent().admin();

    assertEquals(new AdminSettings(true, "localhost", 8080, null), localhost);
    assertEquals(new AdminSettings(true, "::1", 9464, null), ipv6);
    assertEquals("[::1]:9464", ipv6.address(), "an IPv6 host is written back in brackets");
  }

  @Test
  void anEmptyAdminTokenIsRejected() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          admin:
            address: "0.0.0.0:9464"
            token: ""
        """);

    assertProblem(problem, 5, 12, "agent.admin.token", "must not be empty");
  }

  @Test
  void anUnknownKeyInAdminSuggestsTheClosestKnownKey() {
    ConfigProblem problem = onlyProblem("""
        service: orders
        agent:
          admin:
            tokn: s3cret
        """);

    assertProblem(problem, 4, 5, "agent.admin.tokn", "unknown key (did you mean \"token\"?)",
        "known keys here: enabled, address, token");
  }

  // ---------------------------------------------------------------- describe()

  @Test
  void describeShowsTheMetricsSectionAndEachRulesMetrics() throws Exception {
    AgentConfig config = parse("""
        service: orders
        metrics:
          jvm: false
          statsd:
            flavor: etsy
            step: 1500ms
          stdout:
            step: 2m
          maxTagValues: 20
        methods:
          - match: com.example.A#a
            metrics:
              histogram: true
              percentiles: [0.95]
              slo: [50ms, PT1S]
              tags:
                tier: arg1
                region: arg0.region
          - match: com.example.B#b
            metrics: true
          - match: com.example.C#c
            log: true
        """);

    Map<String, Object> described = config.describe();

    assertEquals(Map.of("prometheus", true, "jvm", false, "maxTagValues", 20,
        "statsd", Map.of("host", "127.0.0.1", "port", 8125, "flavor", "etsy", "step", "1500ms"),
        "stdout", Map.of("step", "120s")), described.get("metrics"));
    List<?> rules = (List<?>) described.get("methods");
    Map<?, ?> first = (Map<?, ?>) ((Map<?, ?>) rules.get(0)).get("metrics");
    assertEquals(Map.of("histogram", true, "percentiles", List.of(0.95), "slo", List.of("50ms", "1s"),
        "tags", Map.of("tier", "arg1", "region", "arg0.region")), first);
    assertEquals(List.of("tier", "region"), List.copyOf(((Map<?, ?>) first.get("tags")).keySet()),
        "tags in file order");
    assertEquals(Map.of("histogram", false, "percentiles", List.of(), "slo", List.of(), "tags", Map.of()),
        ((Map<?, ?>) rules.get(1)).get("metrics"));
    assertFalse(((Map<?, ?>) rules.get(2)).containsKey("metrics"), "a rule without metrics shows none");
  }

  @Test
  void describeMasksTheAdminToken() throws Exception {
    AgentConfig config = parse("""
        service: orders
        agent:
          admin:
            address: "0.0.0.0:9464"
            token: s3cret
        """);

    Map<String, Object> described = config.describe();

    Map<?, ?> agent = (Map<?, ?>) described.get("agent");
    assertEquals(Map.of("enabled", true, "address", "0.0.0.0:9464", "token", "***"), agent.get("admin"));
    assertFalse(described.toString().contains("s3cret"), described::toString);
  }

  // ---------------------------------------------------------------- helpers
}
