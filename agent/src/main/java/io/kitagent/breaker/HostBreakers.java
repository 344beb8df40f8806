package io.kitagent.breaker;

import io.kitagent.config.OnReject;
import io.kitagent.core.Exchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http.client}'s breaker: one per downstream host ({@code host:port} unless the port is the
 * scheme's), so that one failing host does not cut off the others. The number of hosts is bounded:
 * past {@link #MAX_HOSTS}, every new host shares one breaker, {@code http.client/other}.
 */
final class HostBreakers extends HttpBreakerPolicy.ChosenBreaker {

  static final int MAX_HOSTS = 1_000;
  static final String OTHER = "http.client/other";

  private final Map<String, MeteredBreaker> byHost = new ConcurrentHashMap<>();
  private final Breakers breakers;
  private final Breaker config;

  HostBreakers(Breakers breakers, Breaker config, OnReject onReject) {
    super("the circuit breaker of this host does not permit the call", config, onReject);
    this.breakers = breakers;
    this.config = config;
  }

  @Override
  boolean admit(Exchange exchange) {
    MeteredBreaker breaker = breaker(exchange.key());
    exchange.keep(breaker);
    return breaker.tryAcquire();
  }

  private MeteredBreaker breaker(String host) {
    MeteredBreaker breaker = byHost.get(host);
    if (breaker != null) {
      return breaker;
    }
    if (byHost.size() >= MAX_HOSTS) {
      return breakers.get(OTHER, config, OTHER, null); // not stored per host: the map stays bounded
    }
    return byHost.computeIfAbsent(host, key -> breakers.get(key, config, key, null));
  }
}
