package io.kitagent.discovery;

import io.kitagent.config.Level;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The instances of one downstream service as its source last gave them: an immutable array that a
 * request reads without a lock, replaced whole on each update. An instance that stays in the list
 * keeps its object, so its load (in flight, latency) survives the update. When the source fails, the
 * last list stays in force, marked stale: said once in the log, in {@code /health} and
 * {@code /agent/discovery}, and counted in {@code kit_discovery_errors_total}.
 */
public final class ServiceInstances {

  private static final Instance[] NONE = new Instance[0];

  private final String service;
  private final String source;
  private final String where;
  private final EventLog log;
  private final Counter errors;
  private final CountDownLatch answered = new CountDownLatch(1);
  private volatile Instance[] current = NONE;
  private volatile Instant refreshed;
  /** Why the source failed last, while it has not answered since; null when it is up to date. */
  private volatile String stale;

  /** {@code where}: what the source looks up, for messages ({@code under /services/inventory/}). */
  ServiceInstances(String service, String source, String where, EventLog log, MeterRegistry meters) {
    this.service = service;
    this.source = source;
    this.where = where;
    this.log = log;
    if (meters != null) {
      Gauge.builder("kit.discovery.instances", this, m -> m.current().length)
          .description("The instances of a downstream service that requests may go to")
          .tags("service", service, "source", source).register(meters);
      errors = Counter.builder("kit.discovery.errors").description("Failed lookups of a service's instances")
          .tags("service", service, "source", source).register(meters);
    } else {
      errors = null;
    }
  }

  public String service() {
    return service;
  }

  /** Where the instances come from: {@code static}, {@code etcd}, or {@code hosts} for a service's host ports. */
  public String source() {
    return source;
  }

  /** The instances now; read once per request. */
  public Instance[] current() {
    return current;
  }

  /**
   * The instances now, waiting at most {@code wait} for the source's first answer when it has not
   * answered yet: only the first requests to a service ever wait, never once it has answered.
   */
  public Instance[] current(Duration wait) {
    if (answered.getCount() != 0) {
      awaitFirst(wait);
    }
    return current;
  }

  /** Whether the source has answered, or failed, at least once. */
  boolean answered() {
    return answered.getCount() == 0;
  }

  /** Whether the source has ever given a list. */
  private boolean listed() {
    return refreshed != null;
  }

  /** Waits at most {@code wait} for the source's first answer; for a first request only. */
  void awaitFirst(Duration wait) {
    try {
      answered.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The source's new list of {@code host:port} addresses, each with its weight. */
  void update(Map<String, Integer> addressesAndWeights) {
    Map<String, Instance> before = new LinkedHashMap<>();
    for (Instance instance : current) {
      before.put(instance.address(), instance);
    }
    List<Instance> next = new ArrayList<>();
    addressesAndWeights.forEach((address, weight) -> {
      Instance made = Instance.parse(address, weight);
      Instance kept = before.get(made.address());
      next.add(kept != null && kept.weight() == made.weight() ? kept : made);
    });
    current = next.toArray(NONE);
    refreshed = Instant.now();
    String was = stale;
    stale = null;
    answered.countDown();
    if (was != null) {
      event(Level.INFO, "updated", next.size(), null);
    }
  }

  /**
   * The source failed: the last instances stay; said once until it answers again. Requests wait no
   * longer for a first answer: they are served (or refused) with what there is.
   */
  void failed(String why) {
    if (errors != null) {
      errors.increment();
    }
    String was = stale;
    stale = why;
    answered.countDown();
    if (was == null) {
      event(Level.WARN, "stale", current.length, why);
    }
  }

  /** One log event: the source went stale (with why) or is up to date again. */
  private void event(Level level, String state, int instances, String error) {
    if (log == null || !log.enabled(level)) {
      return;
    }
    EventLine line = log.begin(level).string("event", "discovery").string("service", service)
        .string("source", source).string("state", state).number("instances", Integer.toString(instances));
    if (error != null) {
      line.string("error", error);
    }
    log.write(line);
  }

  String stale() {
    return stale;
  }

  /** Why a request finds no instance, for its refusal. */
  String emptyReason() {
    if (!listed()) {
      return "no instance of " + service + ": " + source + " has not answered yet"
          + (stale == null ? "" : " (" + stale + ")");
    }
    return "no instance of " + service + ": " + source + " has none" + (where.isEmpty() ? "" : " " + where);
  }

  /** What {@code GET /agent/discovery} shows of this service. */
  Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", source);
    out.put("refreshed", refreshed == null ? null : refreshed.toString());
    out.put("stale", stale != null);
    if (stale != null) {
      out.put("error", stale);
    }
    List<Map<String, Object>> instances = new ArrayList<>();
    for (Instance instance : current) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("address", instance.address());
      one.put("weight", instance.weight());
      one.put("inFlight", instance.inFlight());
      one.put("ewmaMillis", Math.round(instance.ewmaMillis() * 1000) / 1000.0);
      instances.add(one);
    }
    out.put("instances", instances);
    return out;
  }
}
