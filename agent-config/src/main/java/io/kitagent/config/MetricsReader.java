package io.kitagent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code metrics:} sections: the service-wide one and a method rule's. */
final class MetricsReader {

  private MetricsReader() {}

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
}
