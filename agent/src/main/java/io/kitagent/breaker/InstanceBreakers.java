package io.kitagent.breaker;

import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.discovery.Balancer;
import io.kitagent.discovery.Instance;
import io.kitagent.discovery.ServiceInstances;
import io.kitagent.core.Exchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@code breaker.scope: instance} on a service: each address has its own breaker, named
 * {@code service/host:port}, as Envoy's outlier detection ejects single hosts. The service's
 * instances (from discovery, else its {@code hosts} that name a port) are chosen here, by its
 * balancer, among those whose breaker lets the request through: an open instance gets no requests
 * while another is closed, and only when none lets it through is the request refused. A request
 * addressed to an instance goes there unless its breaker is open; a retry goes to another instance
 * than the attempt before it when one lets it through (Envoy's {@code previous_hosts}). A service
 * without instances gives each address a request goes to its own breaker and never moves requests.
 */
final class InstanceBreakers extends HttpBreakerPolicy {

  private final String service;
  private final ServiceInstances instances;
  private final Balancer balancer;
  private final Map<String, MeteredBreaker> byAddress = new ConcurrentHashMap<>();
  private final Breakers breakers;
  private final Breaker config;
  private final java.time.Duration initialWait;
  private final Predicate<Instance> acquire = instance -> breaker(instance.address()).tryAcquire();

  /** {@code instances} may be null: the service has none to choose among. */
  InstanceBreakers(String service, ServiceInstances instances, Balancer balancer, java.time.Duration initialWait,
      Breakers breakers, Breaker config, OnReject onReject) {
    super("no instance of " + service + " has a circuit breaker that permits the call", config, onReject);
    this.service = service;
    this.instances = instances;
    this.balancer = balancer;
    this.initialWait = initialWait;
    this.breakers = breakers;
    this.config = config;
    if (instances != null) {
      for (Instance instance : instances.current()) {
        breaker(instance.address()); // in /metrics and /agent/breakers before the first request
      }
    }
  }

  @Override
  boolean admit(Exchange exchange) {
    if (instances != null) {
      return choose(exchange, instances.current(initialWait)); // none: refused, never sent to the logical name
    }
    MeteredBreaker breaker = breaker(address(exchange.host(), exchange.port()));
    exchange.keep(breaker);
    return breaker.tryAcquire();
  }

  private boolean choose(Exchange exchange, Instance[] all) {
    if (all.length == 0) {
      exchange.keep(null);
      return false;
    }
    Instance avoid = exchange.kept() instanceof Instance previous ? previous : null; // a retry
    if (avoid == null) {
      Instance asked = find(all, exchange.host(), exchange.port());
      if (asked != null) {
        if (acquire.test(asked)) {
          return chosen(exchange, asked);
        }
        avoid = asked;
      }
    }
    Instance chosen = balancer.pick(all, avoid, acquire);
    return chosen != null && chosen(exchange, chosen);
  }

  private boolean chosen(Exchange exchange, Instance instance) {
    MeteredBreaker breaker = breaker(instance.address());
    if (!instance.host().equalsIgnoreCase(exchange.host()) || instance.port() != exchange.port()) {
      try {
        exchange.rewrite(instance.host(), instance.port());
      } catch (RuntimeException e) {
        breaker.released(-1, false); // a URL the rewrite cannot parse: the permission goes back
        throw e;
      }
    }
    instance.started();
    exchange.keep(instance);
    return true;
  }

  @Override
  MeteredBreaker guarding(Call call) {
    Object kept = call.kept();
    return kept instanceof Instance instance ? breaker(instance.address()) : (MeteredBreaker) kept;
  }

  @Override
  void ended(Call call) {
    if (call.kept() instanceof Instance instance) {
      instance.finished(call.nanos(), Instance.overloaded(call));
    }
  }

  private static Instance find(Instance[] all, String host, int port) {
    for (Instance instance : all) {
      if (instance.port() == port && instance.host().equalsIgnoreCase(host)) {
        return instance;
      }
    }
    return null;
  }

  private static String address(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The breaker of an address, bounded as {@link HostBreakers}'s. */
  private MeteredBreaker breaker(String address) {
    MeteredBreaker breaker = byAddress.get(address);
    if (breaker != null) {
      return breaker;
    }
    if (byAddress.size() >= HostBreakers.MAX_HOSTS) {
      return breakers.get(service + "/other", config, service, "other");
    }
    return byAddress.computeIfAbsent(address, key -> breakers.get(service + "/" + key, config, service, key));
  }
}
