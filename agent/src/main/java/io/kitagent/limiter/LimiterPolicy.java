package io.kitagent.limiter;

import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.RefusingPolicy;
import io.kitagent.core.Refusal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rate limiter in front of a method's calls or a downstream's requests: a call without a permit
 * (after waiting up to {@code timeoutDuration}) is refused with the site's {@code onReject}; an HTTP
 * refusal also says in {@code Retry-After} when a permit will be free. {@code http.client}'s limits
 * each host on its own, as its breakers do.
 */
class LimiterPolicy extends RefusingPolicy {

  static final int MAX_HOSTS = 1_000;
  static final String OTHER = "http.client/other";

  private final MeteredLimiter limiter;
  private final Limiters limiters;
  private final Limiter config;
  private final Map<String, MeteredLimiter> byHost;

  /** One limiter for every call of the site. */
  LimiterPolicy(MeteredLimiter limiter, OnReject onReject) {
    super(Limiter.KEY, "rate limiter " + limiter.name() + " has no permit", onReject);
    this.limiter = limiter;
    this.limiters = null;
    this.config = null;
    this.byHost = null;
  }

  /** One limiter per downstream host, named after it. */
  LimiterPolicy(Limiters limiters, Limiter config, OnReject onReject) {
    super(Limiter.KEY, "the rate limiter of this host has no permit", onReject);
    this.limiter = null;
    this.limiters = limiters;
    this.config = config;
    this.byHost = new ConcurrentHashMap<>();
  }

  @Override
  public Refusal before(Call call) {
    MeteredLimiter chosen = limiter != null ? limiter : host(((Exchange) call).key());
    if (chosen.acquire()) {
      return null;
    }
    if (call instanceof Exchange exchange) {
      exchange.answerHeader("Retry-After", Long.toString(chosen.secondsToPermit()));
    }
    return refusal();
  }

  @Override
  public boolean hasBefore() {
    return true;
  }

  private MeteredLimiter host(String host) {
    MeteredLimiter found = byHost.get(host);
    if (found != null) {
      return found;
    }
    if (byHost.size() >= MAX_HOSTS) {
      return limiters.get(OTHER, config); // not stored per host: the map stays bounded
    }
    return byHost.computeIfAbsent(host, key -> limiters.get(key, config));
  }
}
