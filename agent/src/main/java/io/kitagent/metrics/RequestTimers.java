package io.kitagent.metrics;

import io.kitagent.core.HttpOutcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The timers of one of {@code http.client.requests} and {@code http.server.requests}, tagged with
 * Micrometer's own conventions ({@code method}, {@code status}, {@code outcome}, {@code exception}) and
 * one key of our own: the client's {@code host} (or service name) or the server's {@code route}.
 * Timers are built once per tag combination and found again without allocating: by key, then method,
 * then status code in an array.
 */
final class RequestTimers {

  static final String OTHER = "other";

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final String keyTag;
  private final boolean uriTag;
  private final int maxKeys;
  private final AtomicInteger keys = new AtomicInteger();
  private final ConcurrentHashMap<String, ByMethod> timers = new ConcurrentHashMap<>();

  /**
   * {@code keyTag} is the tag our key goes to; {@code uriTag} also copies it to {@code uri}, which the
   * stock dashboards of {@code http.server.requests} group by. Past {@code maxKeys} distinct keys, new
   * ones are recorded as {@code other}, so that a client calling many hosts cannot flood the registry.
   */
  RequestTimers(MeterRegistry registry, String name, String description, String keyTag, boolean uriTag,
      int maxKeys) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.keyTag = keyTag;
    this.uriTag = uriTag;
    this.maxKeys = maxKeys;
  }

  void record(String key, String method, int status, Throwable error, boolean refused, long nanos) {
    timer(key, method, status, error, refused).record(nanos, TimeUnit.NANOSECONDS);
  }

  Timer timer(String key, String method, int status, Throwable error) {
    return timer(key, method, status, error, false);
  }

  /** A refused exchange is tagged {@code outcome=REFUSED}, with the status or exception it was answered with. */
  Timer timer(String key, String method, int status, Throwable error, boolean refused) {
    ByMethod byMethod = timers.get(key);
    if (byMethod == null) {
      byMethod = timers.computeIfAbsent(keys.get() < maxKeys ? key : OTHER, k -> {
        keys.incrementAndGet();
        return new ByMethod(k);
      });
    }
    ByStatus byStatus = byMethod.methods.get(method);
    if (byStatus == null) {
      byStatus = byMethod.methods.computeIfAbsent(HttpMethods.known(method), m -> new ByStatus());
    }
    String tag = byMethod.tag;
    int index = status >= 100 && status < 600 ? status : 0;
    if (refused) {
      String exception = error == null ? "none" : simpleName(error.getClass());
      return byStatus.refused(index).computeIfAbsent(exception,
          e -> build(tag, method, status, e, HttpOutcome.REFUSED));
    }
    if (error != null) {
      // By name, not class: a class held here would keep a redeployed web application's loader alive.
      String type = error.getClass().getName();
      ConcurrentHashMap<String, Timer> errors = byStatus.errors(index);
      Timer timer = errors.get(type);
      if (timer == null) {
        String exception = simpleName(error.getClass());
        timer = errors.computeIfAbsent(type, t -> build(tag, method, status, exception, HttpOutcome.of(status)));
      }
      return timer;
    }
    Timer timer = byStatus.ok.get(index);
    if (timer == null) {
      timer = build(tag, method, index, "none", HttpOutcome.of(index));
      byStatus.ok.compareAndSet(index, null, timer); // the registry returns the same timer to a racer
    }
    return timer;
  }

  private Timer build(String key, String method, int status, String exception, String outcome) {
    String statusText = status >= 100 && status < 600 ? Integer.toString(status) : status == -1 ? "IO_ERROR" : "UNKNOWN";
    Tags tags = Tags.of(keyTag, key, "method", HttpMethods.known(method), "status", statusText,
        "outcome", outcome, "exception", exception);
    if (uriTag) {
      tags = tags.and("uri", key);
    }
    return Timer.builder(name).description(description).tags(tags).register(registry);
  }

  private static final class ByMethod {
    final String tag;
    final ConcurrentHashMap<String, ByStatus> methods = new ConcurrentHashMap<>();

    ByMethod(String tag) {
      this.tag = tag;
    }
  }

  private static String simpleName(Class<?> type) {
    return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
  }

  /** Index 0 holds what has no valid status: no response ({@code IO_ERROR}) or an unknown one. */
  private static final class ByStatus {
    final AtomicReferenceArray<Timer> ok = new AtomicReferenceArray<>(600);
    /** By status, then exception class name; made at the first error (most pairs never see one). */
    final ConcurrentHashMap<Integer, ConcurrentHashMap<String, Timer>> errors = new ConcurrentHashMap<>();

    /** By status, then exception simple name or {@code none}; made at the first refusal. */
    final ConcurrentHashMap<Integer, ConcurrentHashMap<String, Timer>> refused = new ConcurrentHashMap<>();

    ConcurrentHashMap<String, Timer> errors(int index) {
      return errors.computeIfAbsent(index, i -> new ConcurrentHashMap<>());
    }

    ConcurrentHashMap<String, Timer> refused(int index) {
      return refused.computeIfAbsent(index, i -> new ConcurrentHashMap<>());
    }
  }
}
