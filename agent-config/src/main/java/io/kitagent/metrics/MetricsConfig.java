package io.kitagent.metrics;

import io.kitagent.config.AgentConfig;
import io.kitagent.config.Durations;
import io.kitagent.config.Fields;
import io.kitagent.config.Node;
import io.kitagent.config.RuleKind;
import io.kitagent.config.RuleWord;
import io.kitagent.config.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config word {@code metrics}: the {@code metrics:} section, and {@code metrics:} of a rule
 * ({@code true}, {@code false} or {@code { histogram, percentiles, slo }}, and for a method rule
 * {@code tags} taken from its arguments).
 */
public final class MetricsConfig {

  public static final String KEY = "metrics";

  public static final RuleWord<MetricsPolicy> WORD = RuleWord.of(KEY, kind -> kind != RuleKind.SERVICE,
      (rule, kind) -> policy(rule, kind == RuleKind.METHOD), MetricsConfig::describe);

  /** {@code metrics:} where meters go, and what the agent adds on its own. */
  public static final Section<MetricsSettings> SECTION = new Section<>() {
    @Override
    public String key() {
      return "metrics";
    }

    @Override
    public MetricsSettings read(Fields root) {
      return settings(root.object("metrics"));
    }

    @Override
    public Object describe(MetricsSettings metrics) {
      Map<String, Object> out = AgentConfig.map("prometheus", metrics.prometheus(), "jvm", metrics.jvm(),
          "maxTagValues", metrics.maxTagValues());
      StatsdSettings statsd = metrics.statsd();
      if (statsd != null) {
        out.put("statsd", AgentConfig.map("host", statsd.host(), "port", statsd.port(),
            "flavor", Fields.word(statsd.flavor()), "step", Durations.format(statsd.step())));
      }
      if (metrics.stdoutStep() != null) {
        out.put("stdout", AgentConfig.map("step", Durations.format(metrics.stdoutStep())));
      }
      return out;
    }
  };

  private MetricsConfig() {}

  static MetricsSettings settings(Fields f) {
    boolean prometheus = f.bool("prometheus", true);
    boolean jvm = f.bool("jvm", true);
    // Written with no value ("statsd:") means on, with the defaults.
    StatsdSettings statsd = f.written("statsd") ? statsd(f.object("statsd")) : null;
    Duration stdout = null;
    if (f.written("stdout")) {
      Fields out = f.object("stdout");
      stdout = out.duration("step", Duration.ofSeconds(60));
      out.done();
    }
    int maxTagValues = f.integer("maxTagValues", MetricsSettings.DEFAULT_MAX_TAG_VALUES, 1, 100_000);
    f.done();
    return new MetricsSettings(prometheus, jvm, statsd, stdout, maxTagValues);
  }

  private static StatsdSettings statsd(Fields f) {
    String host = f.string("host", "127.0.0.1");
    int port = f.integer("port", 8125, 1, 65_535);
    StatsdSettings.Flavor flavor = f.oneOf("flavor", StatsdSettings.Flavor.class, StatsdSettings.Flavor.DATADOG);
    Duration step = f.duration("step", Duration.ofSeconds(10));
    f.done();
    return new StatsdSettings(host, port, flavor, step);
  }

  /**
   * A rule's {@code metrics: true | false | { ... }}; null when the rule records none. {@code tags}
   * (from a method's arguments) only where there are arguments: {@code withTags}.
   */
  static MetricsPolicy policy(Fields rule, boolean withTags) {
    Fields f = rule.toggleOrSection("metrics");
    if (f == null) {
      return null;
    }
    boolean histogram = f.bool("histogram", false);
    List<Double> percentiles = f.listOf("percentiles", (item, where) -> percentile(f, item, where));
    List<Duration> slo = f.listOf("slo", (item, where) -> f.asDuration(item, where, null));
    List<ArgumentTag> tags = withTags ? tags(f.object("tags")) : List.of();
    f.done();
    return new MetricsPolicy(histogram, percentiles, slo, tags);
  }

  private static Double percentile(Fields f, Node item, String where) {
    if (item instanceof Node.Scalar s && (s.kind() == Node.Scalar.Kind.NUMBER || s.substituted())) {
      try {
        double value = Double.parseDouble(s.text().trim());
        if (value > 0 && value < 1) {
          return value;
        }
      } catch (NumberFormatException e) {
        // .nan, .inf, 0x10: reported below
      }
    }
    f.problems().add(item, where, "expected a percentile between 0 and 1 such as 0.95, got " + item.describe());
    return null;
  }

  /** Tags the agent sets itself, and names Prometheus reserves. */
  private static final Set<String> RESERVED_TAGS =
      Set.of("service", "class", "method", "outcome", "exception", "le", "quantile");
  private static final Pattern TAG_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Tag names are the user's own, so every key is known; each value must name an argument. */
  private static List<ArgumentTag> tags(Fields f) {
    List<ArgumentTag> tags = new ArrayList<>();
    for (Map.Entry<String, Node.Entry> entry : f.entries().entrySet()) {
      String name = entry.getKey();
      String source = f.string(name, null);
      if (source == null) {
        continue;
      }
      if (RESERVED_TAGS.contains(name) || !TAG_NAME.matcher(name).matches()) {
        f.problems().add(entry.getValue().line(), entry.getValue().column(), f.path(name),
            RESERVED_TAGS.contains(name) ? "\"" + name + "\" is a tag the agent sets itself; choose another name"
                : "a tag name must be letters, digits and _ (not starting with a digit)");
        continue;
      }
      try {
        tags.add(ArgumentTag.parse(name, source));
      } catch (IllegalArgumentException e) {
        f.problems().add(f.node(name), f.path(name), e.getMessage());
      }
    }
    f.done();
    return tags;
  }

  private static Object describe(MetricsPolicy policy) {
    Map<String, Object> tags = new LinkedHashMap<>();
    policy.tags().forEach(tag -> tags.put(tag.name(), tag.source()));
    return AgentConfig.map("histogram", policy.histogram(), "percentiles", policy.percentiles(),
        "slo", policy.slo().stream().map(Durations::format).toList(), "tags", tags);
  }
}
