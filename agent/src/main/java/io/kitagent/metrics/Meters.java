package io.kitagent.metrics;

import io.kitagent.config.AgentConfig;
import io.kitagent.http.HttpSettings;
import io.kitagent.config.MethodRule;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.micrometer.statsd.StatsdMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's meters: one registry that every policy records to, for Prometheus (scraped from the
 * admin endpoint), StatsD (pushed over UDP) and stdout (printed every step), each as configured.
 * With one sink the policies record to it directly; with several, a composite fans out (which costs
 * every call a little more). Every meter carries the {@code service} tag.
 */
public final class Meters implements AutoCloseable {

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
  private final List<String> argumentTagKeys;
  private final int maxTagValues;
  private final AtomicReference<RequestTimers> clientRequests = new AtomicReference<>();
  private final AtomicReference<RequestTimers> serverRequests = new AtomicReference<>();

  private Meters(AgentConfig config, EventLog log) {
    MetricsSettings settings = config.metrics();
    this.argumentTagKeys = argumentTagKeys(config.methods());
    this.maxTagValues = settings.maxTagValues();
    this.prometheus = settings.prometheus() ? prometheusRegistry() : null;
    List<MeterRegistry> sinks = new ArrayList<>();
    if (prometheus != null) {
      sinks.add(prometheus);
    }
    if (settings.statsd() != null) {
      StatsdLines lines = statsdLines(settings.statsd());
      StatsdMeterRegistry statsd = StatsdMeterRegistry.builder(statsdConfig(settings.statsd()))
          .clock(Clock.SYSTEM).lineSink(lines).build();
      sinks.add(statsd);
      closeables.add(statsd::close); // stops polling the gauges before the channel closes
      closeables.add(lines);
    }
    if (settings.stdoutStep() != null) {
      StdoutReporter stdout = new StdoutReporter(settings.stdoutStep(), log);
      sinks.add(stdout.registry());
      closeables.add(stdout);
    }
    if (sinks.size() == 1) {
      registry = sinks.get(0);
    } else {
      CompositeMeterRegistry composite = new CompositeMeterRegistry();
      sinks.forEach(composite::add);
      registry = composite;
    }
    registry.config().commonTags("service", config.service());
    registry.config().meterFilter(distribution(config));
  }

  private PrometheusMeterRegistry prometheusRegistry() {
    CoarseClock clock = new CoarseClock();
    closeables.add(clock);
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
  }

  /**
   * The meters, with the recording code warmed up first (see {@link WarmUp}): on the Prometheus
   * registry, which nobody can scrape before the admin endpoint starts; never on StatsD or stdout,
   * which would send the warm-up's lines to the user's collector.
   */
  public static Meters create(AgentConfig config, EventLog log) {
    Meters meters = new Meters(config, log);
    WarmUp.run(warmUpRegistry(meters.prometheus));
    return meters;
  }

  static MeterRegistry warmUpRegistry(PrometheusMeterRegistry prometheus) {
    return prometheus != null ? prometheus : new SimpleMeterRegistry();
  }

  /** Binds Micrometer's JVM meters; slow (JMX), so called off the application's threads. */
  public void bindJvmMeters() {
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Null when {@code metrics.prometheus} is false. */
  public PrometheusMeterRegistry prometheus() {
    return prometheus;
  }

  /**
   * The timers of outgoing ({@code client}) or incoming HTTP requests, one set per side, so that
   * every service's requests share one cap on distinct hosts.
   */
  RequestTimers requestTimers(boolean client) {
    return client
        ? clientRequests.updateAndGet(t -> t != null ? t : new RequestTimers(registry, "http.client.requests",
            "Outgoing HTTP requests, recorded by Kit Agent", "host", false, maxTagValues))
        : serverRequests.updateAndGet(t -> t != null ? t : new RequestTimers(registry, "http.server.requests",
            "Incoming HTTP requests, recorded by Kit Agent", "route", true, maxTagValues));
  }

  /** The metrics policy of one woven method; overloads share their meters. */
  public MethodTimer methodTimer(String className, String methodName, MetricsPolicy policy) {
    AtomicInteger calls = active.computeIfAbsent(className + "#" + methodName, key -> {
      AtomicInteger counter = new AtomicInteger();
      Gauge.builder(MethodTimer.ACTIVE, counter, AtomicInteger::get)
          .description(MethodTimer.ACTIVE_HELP)
          .tags("class", className, "method", methodName)
          .strongReference(true)
          .register(registry);
      return counter;
    });
    return new MethodTimer(registry, className, methodName,
        ArgumentTags.of(policy.tags(), argumentTagKeys, maxTagValues), calls);
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        AgentLog.warn("closing " + closeable + " failed: " + e);
      }
    }
  }

  /** Every argument tag name of every rule, sorted, so that all {@code kit.method} timers share keys. */
  private static List<String> argumentTagKeys(List<MethodRule> rules) {
    Set<String> keys = new TreeSet<>();
    for (MethodRule rule : rules) {
      if (rule.get(MetricsConfig.WORD) != null) {
        rule.get(MetricsConfig.WORD).tags().stream().map(ArgumentTag::name).forEach(keys::add);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * Prometheus allows one shape per metric name (a histogram or a summary, one set of buckets), so
   * the distribution settings of all rules are merged for {@code kit.method}: a histogram if any rule
   * asks for one, and the union of percentiles and SLO buckets. The HTTP timers take theirs from
   * {@code http.client.metrics} and {@code http.server.metrics}.
   */
  private static MeterFilter distribution(AgentConfig config) {
    List<MetricsPolicy> methods = new ArrayList<>();
    config.methods().stream().map(rule -> rule.get(MetricsConfig.WORD)).filter(Objects::nonNull).forEach(methods::add);
    Map<String, DistributionStatisticConfig> byName = new HashMap<>();
    byName.put(MethodTimer.TIMER, merged(methods));
    HttpSettings http = config.http();
    if (http.client() != null && http.client().get(MetricsConfig.WORD) != null) {
      byName.put("http.client.requests", merged(List.of(http.client().get(MetricsConfig.WORD))));
    }
    if (http.server() != null && http.server().get(MetricsConfig.WORD) != null) {
      byName.put("http.server.requests", merged(List.of(http.server().get(MetricsConfig.WORD))));
    }
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        DistributionStatisticConfig wanted = byName.get(id.getName());
        return wanted == null ? config : wanted.merge(config);
      }
    };
  }

  private static DistributionStatisticConfig merged(List<MetricsPolicy> policies) {
    boolean histogram = false;
    Set<Double> percentiles = new TreeSet<>();
    Set<Duration> slo = new TreeSet<>();
    for (MetricsPolicy policy : policies) {
      histogram |= policy.histogram();
      percentiles.addAll(policy.percentiles());
      slo.addAll(policy.slo());
    }
    DistributionStatisticConfig.Builder wanted = DistributionStatisticConfig.builder()
        .percentilesHistogram(histogram ? true : null);
    if (!percentiles.isEmpty()) {
      wanted.percentiles(percentiles.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (!slo.isEmpty()) {
      wanted.serviceLevelObjectives(slo.stream().mapToDouble(d -> (double) d.toNanos()).toArray());
    }
    return wanted.build();
  }

  /** Host and port go to our sender ({@link StatsdLines}); Micrometer only builds the lines. */
  private static StatsdConfig statsdConfig(StatsdSettings settings) {
    Map<String, String> values = Map.of(
        "statsd.host", settings.host(),
        "statsd.port", Integer.toString(settings.port()),
        "statsd.flavor", settings.flavor().name().toLowerCase(Locale.ROOT),
        "statsd.step", settings.step().toString());
    return values::get;
  }

  private static StatsdLines statsdLines(StatsdSettings settings) {
    try {
      return new StatsdLines(settings.host(), settings.port());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a UDP socket for StatsD", e);
    }
  }
}
