package io.kitagent.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics policy of one woven method: timer {@code kit.method} tagged {@code class}, {@code method},
 * {@code outcome}, {@code exception} and any argument tags, and gauge {@code kit.method.active} of
 * calls in flight. Timers are looked up once and kept, so a call without argument tags allocates
 * nothing.
 */
public final class MethodTimer {

  static final String TIMER = "kit.method";
  static final String ACTIVE = "kit.method.active";
  static final String TIMER_HELP = "Calls of a method woven by Kit Agent, by outcome and exception";
  static final String ACTIVE_HELP = "Calls of a method woven by Kit Agent that are in flight";

  private final MeterRegistry registry;
  private final Tags base;
  private final ArgumentTags argumentTags;
  private final AtomicInteger active;
  private final Tags fixed; // argument tags that do not depend on the call, else null
  private final Timer ok;
  private final ConcurrentHashMap<Class<?>, Timer> errors = new ConcurrentHashMap<>();

  MethodTimer(MeterRegistry registry, String className, String methodName, ArgumentTags argumentTags,
      AtomicInteger active) {
    this.registry = registry;
    this.base = Tags.of("class", className, "method", methodName);
    this.argumentTags = argumentTags;
    this.active = active;
    this.fixed = argumentTags.dependsOnArguments() ? null : argumentTags.values(null);
    this.ok = fixed == null ? null : timer("ok", "none", fixed);
  }

  /** Whether recording needs the call's arguments (for argument tags). */
  public boolean wantsArguments() {
    return argumentTags.dependsOnArguments();
  }

  public void enter() {
    active.incrementAndGet();
  }

  public void exit(long nanos, Object[] args, Throwable error) {
    active.decrementAndGet();
    Timer timer;
    if (fixed == null) {
      timer = timer(error == null ? "ok" : "error", exceptionName(error), argumentTags.values(args));
    } else if (error == null) {
      timer = ok;
    } else {
      timer = errors.computeIfAbsent(error.getClass(), type -> timer("error", type.getSimpleName(), fixed));
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  private static String exceptionName(Throwable error) {
    return error == null ? "none" : error.getClass().getSimpleName();
  }

  private Timer timer(String outcome, String exception, Tags extra) {
    List<Tag> tags = new ArrayList<>();
    base.forEach(tags::add);
    tags.add(Tag.of("outcome", outcome));
    tags.add(Tag.of("exception", exception.isEmpty() ? "anonymous" : exception));
    extra.forEach(tags::add);
    return Timer.builder(TIMER).description(TIMER_HELP).tags(tags).register(registry);
  }
}
