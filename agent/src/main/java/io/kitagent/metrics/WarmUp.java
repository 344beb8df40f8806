package io.kitagent.metrics;

import io.kitagent.config.LogFormat;
import io.kitagent.core.Chain;
import io.kitagent.core.MethodCall;
import io.kitagent.core.MethodSite;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.MethodLogger;
import io.kitagent.logging.Timestamps;
import io.kitagent.logging.ValueText;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the code of a call's recording once, on meters that are then removed and on lines that are
 * not written, before any woven method is measured: so that the classes it needs (Micrometer's,
 * lambdas, string concatenation) are loaded and initialised here, with stack to spare. Otherwise the
 * first call to finish might be the deepest frame of an application's stack overflow, where loading a
 * class fails, and a class whose initialisation failed stays unusable for good. It uses the Prometheus
 * registry when there is one, so that it loads nothing the first real call would not have loaded
 * anyway; never a registry that pushes (see {@link Meters#create}).
 */
final class WarmUp {

  private static final String CLASS = "io.kitagent.warm.Up";

  private WarmUp() {}

  static void run(MeterRegistry registry) {
    try {
      MethodTimer timer = new MethodTimer(registry, CLASS, "call", ArgumentTags.of(List.of(), List.of(), 1),
          new AtomicInteger());
      MethodSite site = new MethodSite(CLASS, "call", new String[0], true, "int");
      MethodCall ok = new MethodCall(site, Chain.of("warm-up", List.of(timer)));
      timer.before(ok);
      timer.release(ok);
      ok.returned(null, 1);
      timer.after(ok);
      MethodCall failed = new MethodCall(site, Chain.of("warm-up", List.of(timer)));
      failed.threw(null, new IllegalStateException("warm-up"));
      timer.after(failed);
      new RequestTimers(registry, "kit.warm.up", "warm-up", "host", false, 1).record(CLASS, "GET", 500,
          new IllegalStateException("warm-up"), false, 1_000);
      for (LogFormat format : LogFormat.values()) {
        EventLine.of(format).begin().string("ts", Timestamps.iso(System.currentTimeMillis()))
            .number("duration_ms", MethodLogger.millis(1_000)).beginGroup("args")
            .string("a", ValueText.of(List.of("x", 1))).endGroup().end();
      }
    } finally {
      for (Meter meter : registry.getMeters()) {
        if (CLASS.equals(meter.getId().getTag("class")) || meter.getId().getName().equals("kit.warm.up")) {
          registry.remove(meter);
        }
      }
    }
  }
}
