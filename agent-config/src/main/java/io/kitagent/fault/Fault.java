package io.kitagent.fault;

import io.kitagent.config.Fields;
import io.kitagent.config.OnReject;
import io.kitagent.config.RuleKind;
import io.kitagent.config.RuleWord;
import io.kitagent.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code fault:} of a rule, fault injection as Envoy's fault filter does it:
 * {@code { abort: { percent: 10 }, delay: { percent: 5, duration: 200ms }, onReject: {...} }}. Each
 * call is aborted with probability {@code abortPercent} / 100 and, independently, delayed by
 * {@code delay} with probability {@code delayPercent} / 100. An aborted call is refused: it gets what
 * {@code onReject} says (this one's, else the rule's, else the default).
 */
public record Fault(double abortPercent, double delayPercent, Duration delay, OnReject onReject) {

  public static final String KEY = "fault";

  public static final RuleWord<Fault> WORD = RuleWord.of(KEY, kind -> true, Fault::read, Fault::describe);

  static Fault read(Fields rule, RuleKind kind) {
    if (rule.node(KEY) == null) {
      return null;
    }
    Fields f = rule.object(KEY);
    double abort = 0;
    if (f.written("abort")) {
      Fields a = f.object("abort");
      abort = percent(a);
      a.done();
    }
    double delayed = 0;
    Duration delay = null;
    if (f.written("delay")) {
      Fields d = f.object("delay");
      delayed = percent(d);
      if (!d.written("duration")) {
        d.problems().add(d.at(), d.path("duration"), "required key is missing (for example duration: 200ms)");
      }
      delay = d.duration("duration", null);
      d.done();
    }
    OnReject onReject = OnReject.read(f, kind);
    f.done();
    return new Fault(abort, delay == null ? 0 : delayed, delay, onReject);
  }

  private static double percent(Fields f) {
    if (!f.written("percent")) {
      f.problems().add(f.at(), f.path("percent"), "required key is missing (for example percent: 10)");
      return 0;
    }
    return f.decimal("percent", 0, 0, 100);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("abort", Map.of("percent", abortPercent));
    if (delay != null) {
      out.put("delay", Map.of("percent", delayPercent, "duration", Durations.format(delay)));
    }
    if (onReject != null) {
      out.put(OnReject.KEY, OnReject.WORD.describe(onReject));
    }
    return out;
  }
}
