package io.kitagent.metrics;

import io.kitagent.core.Calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.config.AgentConfig;
import io.kitagent.config.ConfigLoader;
import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import io.kitagent.logging.LoggingSettings;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodTimerTest {

  private static final String SERVICE = "orders";
  private static final String CLASS = "com.example.OrderService";
  private static final long MILLIS_10 = TimeUnit.MILLISECONDS.toNanos(10);

  private AgentConfig config;
  private Meters meters;
  private final List<String> registrationFailures = new ArrayList<>();

  @AfterEach
  void closeMeters() {
    if (meters != null) {
      meters.close();
    }
  }

  // ---------------------------------------------------------------- outcome and exception

  @Test
  void callsThatReturnAreCountedAsOkWithExceptionNone() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics: true
        """);

    call(timer, null);
    call(timer, null);

    Timer ok = prometheus().get(MethodTimer.TIMER)
        .tags("class", CLASS, "method", "placeOrder", "outcome", "ok", "exception", "none").timer();
    assertEquals(2, ok.count());
    assertEquals(20, ok.totalTime(TimeUnit.MILLISECONDS), 0.001);
    assertEquals(0, errorCount("placeOrder"));
  }

  @Test
  void callsThatThrowAreCountedAsErrorUnderTheExceptionsSimpleName() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics: true
        """);

    call(timer, new IllegalStateException("closed"));
    call(timer, new IllegalStateException("closed again"));
    call(timer, new IOException("disk"));

    assertEquals(2, count("method", "placeOrder", "outcome", "error", "exception", "IllegalStateException"));
    assertEquals(1, count("method", "placeOrder", "outcome", "error", "exception", "IOException"));
    assertEquals(0, count("method", "placeOrder", "outcome", "ok"));
  }

  @Test
  void anAnonymousExceptionClassIsTaggedAnonymous() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics: true
        """);

    call(timer, new RuntimeException() {});

    assertEquals(1, count("method", "placeOrder", "outcome", "error", "exception", "anonymous"));
  }

  @Test
  void errorsAreTaggedTheSameWayWhenTheRuleHasArgumentTags() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0}
        """);

    call(timer, new IllegalArgumentException("bad"), "eu");
    call(timer, null, "eu");

    assertEquals(1, count("outcome", "error", "exception", "IllegalArgumentException", "region", "eu"));
    assertEquals(1, count("outcome", "ok", "exception", "none", "region", "eu"));
  }

  // ---------------------------------------------------------------- overloads and the active gauge

  @Test
  void overloadsShareTheirTimersAndActiveGaugeWithoutRegistrationErrors() throws Exception {
    meters("""
        - match: com.example.OrderService#placeOrder
          metrics:
            histogram: true
        """);
    MetricsPolicy policy = config.methods().get(0).get(MetricsConfig.WORD);
    MethodTimer placeOrderOfString = meters.methodTimer(CLASS, "placeOrder", policy);
    MethodTimer placeOrderOfInt = meters.methodTimer(CLASS, "placeOrder", policy);

    call(placeOrderOfString, null);
    call(placeOrderOfInt, null);
    call(placeOrderOfInt, new IllegalStateException());
    call(placeOrderOfString, new IllegalStateException());

    assertEquals(List.of(), registrationFailures);
    assertEquals(1, prometheus().find(MethodTimer.ACTIVE).gauges().size());
    assertEquals(2, prometheus().find(MethodTimer.TIMER).timers().size(), "one ok and one error timer");
    assertEquals(2, count("method", "placeOrder", "outcome", "ok"));
    assertEquals(2, count("method", "placeOrder", "outcome", "error"));
  }

  @Test
  void enterAndExitMoveTheActiveGaugeSharedByOverloads() throws Exception {
    meters("""
        - match: com.example.OrderService#*
          metrics: true
        """);
    MetricsPolicy policy = config.methods().get(0).get(MetricsConfig.WORD);
    MethodTimer first = meters.methodTimer(CLASS, "placeOrder", policy);
    MethodTimer overload = meters.methodTimer(CLASS, "placeOrder", policy);
    MethodTimer other = meters.methodTimer(CLASS, "cancelOrder", policy);

    assertEquals(0, active("placeOrder"));
    first.before(Calls.starting());
    overload.before(Calls.starting());
    other.before(Calls.starting());
    assertEquals(2, active("placeOrder"));
    assertEquals(1, active("cancelOrder"));

    exit(first, MILLIS_10, null, null);
    assertEquals(1, active("placeOrder"));
    exit(overload, MILLIS_10, null, new IllegalStateException());
    assertEquals(0, active("placeOrder"), "a call that throws leaves the gauge too");
    assertEquals(1, active("cancelOrder"));
  }

  // ---------------------------------------------------------------- service tag

  @Test
  void everyMeterCarriesTheServiceTag() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0}
        """);

    call(timer, null, "eu");
    call(timer, new IllegalStateException(), "us");

    List<Meter> all = prometheus().getMeters();
    assertEquals(3, all.size(), "the gauge and two timers: " + all);
    for (Meter meter : all) {
      assertEquals(SERVICE, meter.getId().getTag("service"), meter.getId()::toString);
    }
  }

  // ---------------------------------------------------------------- argument tags

  @Test
  void anArgumentTagTakesItsValueFromEachCall() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg1}
        """);

    assertTrue(timer.wantsValues());
    call(timer, null, "order-1", "eu");
    call(timer, null, "order-2", "us");
    call(timer, null, "order-3", "eu");

    assertEquals(2, count("region", "eu"));
    assertEquals(1, count("region", "us"));
  }

  @Test
  void aTimerWithoutArgumentTagsAnywhereDoesNotWantArguments() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics: true
        """);

    assertFalse(timer.wantsValues());
  }

  @Test
  void aGetterPathReadsRecordComponents() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0.address.region}
        """);

    call(timer, null, new Order("o-1", new Address("eu-west")));

    assertEquals(1, count("region", "eu-west"));
  }

  @Test
  void aGetterPathCallsGetAndIsGettersOfABean() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {tier: arg0.tier, vip: arg0.vip}
        """);

    call(timer, null, new Customer("gold", true));

    assertEquals(1, count("tier", "gold", "vip", "true"));
  }

  @Test
  void aNullArgumentOrANullOnThePathIsTaggedNull() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0.address.region}
        """);

    call(timer, null, (Object) null);
    call(timer, null, new Order("o-1", null));
    call(timer, null, new Order("o-2", new Address(null)));

    assertEquals(3, count("region", "null"));
  }

  @Test
  void aGetterPathStopsAtTheFirstStepThatFails() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {tier: arg0.missing.empty}
        """);

    call(timer, null, "a string has no getMissing()");

    assertEquals(1, count("tier", "unknown"));
  }

  @Test
  void aMissingArgumentIsTaggedUnknown() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg2}
        """);

    call(timer, null, "only one argument");
    timer.before(Calls.starting());
    exit(timer, MILLIS_10, null, null);

    assertEquals(2, count("region", "unknown"));
  }

  @Test
  void aPropertyWithoutAGetterOrWhoseGetterThrowsIsTaggedUnknown() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0.region}
        """);

    call(timer, null, new Customer("gold", false));
    call(timer, null, new Broken());

    assertEquals(2, count("region", "unknown"));
  }

  @Test
  void longValuesAreCutTo64Characters() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {note: arg0}
        """);

    call(timer, null, "x".repeat(100));

    assertEquals(1, count("note", "x".repeat(64)));
  }

  @Test
  void valuesBeyondMaxTagValuesCollapseToOther() throws Exception {
    MethodTimer timer = timerFor("placeOrder", "2", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0}
        """);

    call(timer, null, "eu");
    call(timer, null, "us");
    call(timer, null, "ap");
    call(timer, null, "sa");
    call(timer, null, "eu");

    assertEquals(2, count("region", "eu"), "a value seen before the limit keeps its own series");
    assertEquals(1, count("region", "us"));
    assertEquals(2, count("region", "other"));
    assertEquals(0, count("region", "ap"));
    assertEquals(3, prometheus().find(MethodTimer.TIMER).timers().size());
  }

  @Test
  void nullCountsAsOneOfTheDistinctValues() throws Exception {
    MethodTimer timer = timerFor("placeOrder", "1", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0}
        """);

    call(timer, null, (Object) null);
    call(timer, null, "eu");

    assertEquals(1, count("region", "null"));
    assertEquals(1, count("region", "other"));
  }

  @Test
  void tagKeysOfOtherRulesAppearAsNone() throws Exception {
    meters("""
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0}
        - match: com.example.OrderService#cancelOrder
          metrics:
            tags: {tier: arg0}
        - match: com.example.OrderService#listOrders
          metrics: true
        """);
    MethodTimer place = meters.methodTimer(CLASS, "placeOrder", config.methods().get(0).get(MetricsConfig.WORD));
    MethodTimer cancel = meters.methodTimer(CLASS, "cancelOrder", config.methods().get(1).get(MetricsConfig.WORD));
    MethodTimer list = meters.methodTimer(CLASS, "listOrders", config.methods().get(2).get(MetricsConfig.WORD));

    call(place, null, "eu");
    call(cancel, null, "gold");
    call(list, null);

    assertEquals(List.of(), registrationFailures);
    assertEquals(1, count("method", "placeOrder", "region", "eu", "tier", "none"));
    assertEquals(1, count("method", "cancelOrder", "region", "none", "tier", "gold"));
    assertEquals(1, count("method", "listOrders", "region", "none", "tier", "none"));
    for (Timer timer : prometheus().find(MethodTimer.TIMER).timers()) {
      assertNotNull(timer.getId().getTag("region"), timer.getId()::toString);
      assertNotNull(timer.getId().getTag("tier"), timer.getId()::toString);
    }
  }

  // ---------------------------------------------------------------- Prometheus output

  @Test
  void theScrapeHasACountWithClassMethodOutcomeExceptionAndServiceLabels() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics: true
        """);

    call(timer, null);
    call(timer, null);
    call(timer, new IllegalStateException());

    String scrape = prometheus().scrape();
    assertTrue(scrape.contains("kit_method_seconds_count{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"placeOrder\",outcome=\"ok\",service=\"orders\"} 2"), scrape);
    assertTrue(scrape.contains("kit_method_seconds_count{class=\"com.example.OrderService\","
        + "exception=\"IllegalStateException\",method=\"placeOrder\",outcome=\"error\",service=\"orders\"} 1"),
        scrape);
    assertTrue(scrape.contains("kit_method_active{class=\"com.example.OrderService\",method=\"placeOrder\","
        + "service=\"orders\"} 0"), scrape);
    assertFalse(scrape.contains("kit_method_seconds_bucket"), "no histogram unless asked for");
  }

  @Test
  void theScrapeHasArgumentTagLabels() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            tags: {region: arg0}
        """);

    call(timer, null, "eu");

    String scrape = prometheus().scrape();
    assertTrue(scrape.contains("kit_method_seconds_count{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"placeOrder\",outcome=\"ok\",region=\"eu\",service=\"orders\"} 1"), scrape);
  }

  @Test
  void aHistogramAskedForByOneRuleGivesBucketsToEveryMethodTimer() throws Exception {
    meters("""
        - match: com.example.OrderService#placeOrder
          metrics:
            histogram: true
        - match: com.example.OrderService#cancelOrder
          metrics: true
        """);
    MethodTimer cancel = meters.methodTimer(CLASS, "cancelOrder", config.methods().get(1).get(MetricsConfig.WORD));

    call(cancel, null);

    String scrape = prometheus().scrape();
    assertTrue(scrape.contains("# TYPE kit_method_seconds histogram"), scrape);
    assertTrue(scrape.contains("kit_method_seconds_bucket{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"cancelOrder\",outcome=\"ok\",service=\"orders\",le=\"+Inf\"} 1"), scrape);
  }

  @Test
  void sloBucketsOfOneRuleAreOnEveryMethodTimer() throws Exception {
    meters("""
        - match: com.example.OrderService#placeOrder
          metrics:
            slo: [50ms]
        - match: com.example.OrderService#cancelOrder
          metrics:
            slo: [1s]
        """);
    MethodTimer place = meters.methodTimer(CLASS, "placeOrder", config.methods().get(0).get(MetricsConfig.WORD));
    MethodTimer cancel = meters.methodTimer(CLASS, "cancelOrder", config.methods().get(1).get(MetricsConfig.WORD));

    call(place, null);
    place.before(Calls.starting());
    exit(place, TimeUnit.MILLISECONDS.toNanos(200), null, null);
    call(cancel, null);

    String scrape = prometheus().scrape();
    String place50ms = "kit_method_seconds_bucket{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"placeOrder\",outcome=\"ok\",service=\"orders\",le=\"0.05\"} 1";
    String place1s = "kit_method_seconds_bucket{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"placeOrder\",outcome=\"ok\",service=\"orders\",le=\"1.0\"} 2";
    String cancel50ms = "kit_method_seconds_bucket{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"cancelOrder\",outcome=\"ok\",service=\"orders\",le=\"0.05\"} 1";
    assertTrue(scrape.contains(place50ms), scrape);
    assertTrue(scrape.contains(place1s), scrape);
    assertTrue(scrape.contains(cancel50ms), scrape);
  }

  @Test
  void percentilesAreServedAsQuantiles() throws Exception {
    MethodTimer timer = timerFor("placeOrder", """
        - match: com.example.OrderService#placeOrder
          metrics:
            percentiles: [0.95]
        """);

    call(timer, null);

    String scrape = prometheus().scrape();
    assertTrue(scrape.contains("kit_method_seconds{class=\"com.example.OrderService\",exception=\"none\","
        + "method=\"placeOrder\",outcome=\"ok\",service=\"orders\",quantile=\"0.95\"}"), scrape);
  }

  @Test
  void withAStdoutSinkAsWellTheServiceTagAndMergedDistributionStillReachPrometheus(@TempDir Path dir)
      throws Exception {
    config = ConfigLoader.withVariables(Map.of()).parse("t.yaml", """
        service: orders
        metrics:
          jvm: false
          stdout: {step: 1h}
        methods:
          - match: com.example.OrderService#placeOrder
            metrics:
              slo: [50ms]
          - match: com.example.OrderService#cancelOrder
            metrics: true
        """);
    try (EventLog log = EventLog.open(SERVICE,
        new LoggingSettings(Level.INFO, LogFormat.LOGFMT, dir.resolve("agent.log").toString()))) {
      meters = Meters.create(config, log);
      MethodTimer cancel = meters.methodTimer(CLASS, "cancelOrder", config.methods().get(1).get(MetricsConfig.WORD));

      call(cancel, null);

      String scrape = prometheus().scrape();
      assertTrue(scrape.contains("kit_method_seconds_bucket{class=\"com.example.OrderService\",exception=\"none\","
          + "method=\"cancelOrder\",outcome=\"ok\",service=\"orders\",le=\"0.05\"} 1"), scrape);
      assertTrue(scrape.contains("kit_method_active{class=\"com.example.OrderService\",method=\"cancelOrder\","
          + "service=\"orders\"} 0"), scrape);
    }
  }

  // ---------------------------------------------------------------- settings

  @Test
  void theWarmUpRecordsOnlyWhereNobodyCanSeeIt() {
    // Not on StatsD or stdout: their lines would reach the user's collector before the meters are removed.
    assertInstanceOf(SimpleMeterRegistry.class, Meters.warmUpRegistry(null));
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    assertSame(prometheus, Meters.warmUpRegistry(prometheus));
  }

  @Test
  void withoutPrometheusThereIsNoScrapeRegistry() throws Exception {
    config = ConfigLoader.withVariables(Map.of()).parse("t.yaml", """
        service: orders
        metrics: {prometheus: false, jvm: false}
        """);
    meters = Meters.create(config, null);

    assertNull(meters.prometheus());
  }

  // ---------------------------------------------------------------- helpers

  record Address(String region) {}

  record Order(String id, Address address) {}

  static final class Customer {
    private final String tier;
    private final boolean vip;

    Customer(String tier, boolean vip) {
      this.tier = tier;
      this.vip = vip;
    }

    public String getTier() {
      return tier;
    }

    public boolean isVip() {
      return vip;
    }
  }

  static final class Broken {
    public String getRegion() {
      throw new IllegalStateException("not loaded");
    }
  }

  /** Meters for a config with these method rules; registration failures are collected. */
  private void meters(String methods) throws Exception {
    meters("100", methods);
  }

  private void meters(String maxTagValues, String methods) throws Exception {
    config = ConfigLoader.withVariables(Map.of()).parse("t.yaml", """
        service: %s
        metrics:
          jvm: false
          maxTagValues: %s
        methods:
        %s""".formatted(SERVICE, maxTagValues, methods.indent(2)));
    meters = Meters.create(config, null);
    meters.prometheus().config().onMeterRegistrationFailed((id, reason) -> registrationFailures.add(id + ": " + reason));
  }

  /** The timer of the first rule for a method of {@link #CLASS}. */
  private MethodTimer timerFor(String method, String methods) throws Exception {
    return timerFor(method, "100", methods);
  }

  private MethodTimer timerFor(String method, String maxTagValues, String methods) throws Exception {
    meters(maxTagValues, methods);
    return meters.methodTimer(CLASS, method, config.methods().get(0).get(MetricsConfig.WORD));
  }

  /** One call of 10ms, as the advice makes it. */
  private static void call(MethodTimer timer, Throwable error, Object... args) {
    timer.before(Calls.starting());
    exit(timer, MILLIS_10, args, error);
  }

  private PrometheusMeterRegistry prometheus() {
    return meters.prometheus();
  }

  /** Calls counted by every {@code kit.method} timer with these tags. */
  private long count(String... tags) {
    return prometheus().find(MethodTimer.TIMER).tags(tags).timers().stream().mapToLong(Timer::count).sum();
  }

  private long errorCount(String method) {
    return count("method", method, "outcome", "error");
  }

  private double active(String method) {
    Gauge gauge = prometheus().get(MethodTimer.ACTIVE).tags("class", CLASS, "method", method).gauge();
    return gauge.value();
  }

  /** Ends a call that took {@code nanos}, as the chain would. */
  private static void exit(MethodTimer timer, long nanos, Object[] args, Throwable error) {
    io.kitagent.core.MethodCall call = Calls.method(args, null, error, nanos);
    timer.release(call);
    timer.after(call);
  }
}
