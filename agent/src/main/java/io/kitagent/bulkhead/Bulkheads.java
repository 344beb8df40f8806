package io.kitagent.bulkhead;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Every bulkhead of this agent by name, in one Resilience4j registry. */
final class Bulkheads {

  private final BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
  private final Map<String, MeteredBulkhead> byName = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  Bulkheads(MeterRegistry meters) {
    this.meters = meters;
  }

  MeteredBulkhead get(String name, Bulkhead config) {
    return byName.computeIfAbsent(name, key -> new MeteredBulkhead(registry.bulkhead(key, BulkheadConfig.custom()
        .maxConcurrentCalls(config.maxConcurrentCalls())
        .maxWaitDuration(config.maxWaitDuration())
        .build()), meters));
  }

  Map<String, Object> states() {
    Map<String, Object> out = new TreeMap<>();
    byName.values().forEach(bulkhead -> out.put(bulkhead.name(), bulkhead.describe()));
    return out;
  }
}
