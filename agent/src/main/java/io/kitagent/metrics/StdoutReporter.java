package io.kitagent.metrics;

import io.kitagent.config.Level;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Go kit's stdout/expvar analogue: every step, one event per meter with what happened during the
 * step ({@code event=metric name=kit.method type=timer count=3 total_time=0.012 max=0.005
 * tags.method=placeOrder ...}), written by the service's event log in its format.
 */
final class StdoutReporter implements AutoCloseable {

  private final SimpleMeterRegistry registry;
  private final EventLog log;
  private final ScheduledExecutorService timer;

  StdoutReporter(Duration step, EventLog log) {
    this.log = log;
    this.registry = new SimpleMeterRegistry(new SimpleConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public Duration step() {
        return step;
      }

      @Override
      public CountingMode mode() {
        return CountingMode.STEP;
      }
    }, Clock.SYSTEM);
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "kit-agent-metrics-stdout");
      thread.setDaemon(true);
      return thread;
    });
    long millis = step.toMillis();
    timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
  }

  SimpleMeterRegistry registry() {
    return registry;
  }

  void report() {
    for (Meter meter : registry.getMeters()) {
      EventLine line = log.begin(Level.INFO)
          .string("event", "metric")
          .string("name", meter.getId().getName())
          .string("type", meter.getId().getType().name().toLowerCase(Locale.ROOT));
      for (Measurement measurement : meter.measure()) {
        line.number(measurement.getStatistic().getTagValueRepresentation(), number(measurement.getValue()));
      }
      line.beginGroup("tags");
      for (Tag tag : meter.getId().getTagsAsIterable()) {
        line.string(tag.getKey(), tag.getValue());
      }
      line.endGroup();
      log.write(line);
    }
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "0";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
