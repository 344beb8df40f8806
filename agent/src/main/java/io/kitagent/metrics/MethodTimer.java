package io.kitagent.metrics;

import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import io.kitagent.core.Call;
import io.kitagent.core.MethodCall;
import io.kitagent.core.Outcome;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
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
 * {@code outcome} ({@code ok}, {@code error}, {@code refused}), {@code exception} and any argument
 * tags, and gauge {@code kit.method.active} of calls in flight. Timers are looked up once and kept, so
 * a call without argument tags allocates nothing.
 */
public final class MethodTimer implements Policy {

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
  /** By exception class name, not class: a class held here would keep a redeployed application's loader. */
  private final ConcurrentHashMap<String, Timer> errors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> refused = new ConcurrentHashMap<>();

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
  @Override
  public boolean wantsValues() {
    return argumentTags.dependsOnArguments();
  }

  @Override
  public boolean holds() {
    return true;
  }

  @Override
  public boolean timed() {
    return true;
  }

  /** Counts the call in flight: one atomic step, so that it has either happened or not. */
  @Override
  public Refusal before(Call call) {
    active.incrementAndGet();
    return null;
  }

  @Override
  public void release(Call call) {
    active.decrementAndGet();
  }

  @Override
  public void after(Call call) {
    record(call);
  }

  /** A call refused outside this policy never counted as in flight, but is recorded as refused. */
  @Override
  public void skipped(Call call) {
    record(call);
  }

  private void record(Call call) {
    Object[] args = call instanceof MethodCall method ? method.args() : null;
    long nanos = Math.max(0, call.nanos());
    if (call.outcome() == Outcome.REFUSED) {
      String exception = exceptionName(call.error());
      Timer timer = fixed == null ? timer("refused", exception, tags(args))
          : refused.computeIfAbsent(exception, name -> timer("refused", name, fixed));
      timer.record(nanos, TimeUnit.NANOSECONDS);
      return;
    }
    record(nanos, args, call.error());
  }

  private Tags tags(Object[] args) {
    if (fixed != null) {
      return fixed;
    }
    AgentThread own = AgentWork.begin(); // a getter or toString of an argument may be woven code
    try {
      return argumentTags.values(args);
    } finally {
      AgentWork.end(own);
    }
  }

  /** Records a call that took {@code nanos}; the in-flight count is the caller's. */
  public void record(long nanos, Object[] args, Throwable error) {
    Timer timer;
    if (fixed == null) {
      timer = timer(error == null ? "ok" : "error", exceptionName(error), tags(args));
    } else if (error == null) {
      timer = ok;
    } else {
      Timer known = errors.get(error.getClass().getName());
      timer = known != null ? known
          : errors.computeIfAbsent(error.getClass().getName(), name -> timer("error", exceptionName(error), fixed));
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
