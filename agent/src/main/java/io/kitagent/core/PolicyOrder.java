package io.kitagent.core;

import io.kitagent.admin.Health;
import io.kitagent.config.MethodRule;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.breaker.BreakerWord;
import io.kitagent.discovery.DiscoveryWord;
import io.kitagent.bulkhead.BulkheadWord;
import io.kitagent.fault.FaultWord;
import io.kitagent.limiter.LimiterWord;
import io.kitagent.logging.LoggingWord;
import io.kitagent.metrics.MetricsWord;
import io.kitagent.retry.RetryWord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that says in which order policies wrap a call, outermost first, and why. Every chain,
 * of a method or an HTTP exchange, is built from this list; a new policy is one line here.
 *
 * <ol>
 *   <li>{@code trace} (to come): outermost, so that a call refused by any policy still has a span that
 *       says why, and the span's time is the caller's.</li>
 *   <li>{@code fault}: injected aborts and delays stand for the downstream failing or being slow, so
 *       they sit outside every protection; an injected abort is answered at once, and is not counted
 *       against the breakers and limiters inside.</li>
 *   <li>{@code bulkhead}: bounds concurrency before a breaker is asked, so that waiting
 *       callers do not take half-open probes; one place for all the attempts of a call.</li>
 *   <li>{@code retry}: around what follows, so that each attempt asks the breaker (a retry never goes
 *       to an open one), spends a limiter permit (retries count against the rate), and is measured
 *       and logged.</li>
 *   <li>{@code discovery}: chooses the instance each attempt goes to, inside the retry so that a retry
 *       goes to another one; outside the breaker, which then guards the instance chosen. (With a
 *       per-instance breaker, the breaker chooses, passing over open instances.)</li>
 *   <li>{@code breaker}: refuses calls likely to fail before a limiter spends a permit.</li>
 *   <li>{@code limiter}: spends a permit only on calls that will be made. On {@code http.server} it is
 *       the inbound limiter, and there it could sit further out; inside the breaker it still sheds
 *       load before the application runs, and an inbound server has no breaker.</li>
 *   <li>{@code metrics}: times what actually runs (each attempt) and counts refusals from outside.</li>
 *   <li>{@code log}: innermost, the event of what happened to the call, written last.</li>
 * </ol>
 */
public final class PolicyOrder {

  static final List<PolicyWord> WORDS = List.of(
      new FaultWord(),
      new BulkheadWord(),
      new RetryWord(),
      new DiscoveryWord(),
      new BreakerWord(),
      new LimiterWord(),
      new MetricsWord(),
      new LoggingWord());

  private PolicyOrder() {}

  /** Every word, in chain order. */
  public static List<PolicyWord> words() {
    return WORDS;
  }

  /** Each word's {@code /health} entry by its component name; words with nothing to say are left out. */
  public static Map<String, Health.Status> health(Context context) {
    Map<String, Health.Status> entries = new LinkedHashMap<>();
    for (PolicyWord word : WORDS) {
      Health.Status status = word.health(context);
      if (status != null) {
        entries.put(word.component(), status);
      }
    }
    return entries;
  }

  /** Each word's {@code /agent/<component>} view (breakers, limiters, bulkheads) by its component name. */
  public static Map<String, Object> views(Context context) {
    Map<String, Object> views = new LinkedHashMap<>();
    for (PolicyWord word : WORDS) {
      Object view = word.view(context);
      if (view != null) {
        views.put(word.component(), view);
      }
    }
    return views;
  }

  /** The chain of a woven method under {@code rule}; empty when the rule asks for nothing. */
  public static Chain forMethod(MethodSite site, MethodRule rule, Context context) {
    return chain(site.name(), word -> word.forMethod(site, rule, context));
  }

  /** The chain of HTTP exchanges of {@code site} under {@code rule}; empty when the rule asks for nothing. */
  public static Chain forHttp(String site, RuleKind kind, Rule rule, Context context) {
    return chain(site, word -> word.forHttp(site, kind, rule, context));
  }

  /** The policies that {@code build} makes of each word (null: none), in order. */
  private static Chain chain(String site, Function<PolicyWord, Policy> build) {
    List<Policy> policies = new ArrayList<>();
    for (PolicyWord word : WORDS) {
      Policy policy = build.apply(word);
      if (policy != null) {
        policies.add(policy);
      }
    }
    return Chain.of(site, policies);
  }
}
