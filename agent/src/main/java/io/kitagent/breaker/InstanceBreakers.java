package io.kitagent.breaker;

import io.kitagent.config.OnReject;
import io.kitagent.core.Exchange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code breaker.scope: instance} on a service: each address has its own breaker, named
 * {@code service/host:port}, as Envoy's outlier detection ejects single hosts. A request to an
 * instance whose breaker does not let it through goes to the next instance that does; a request to
 * the service's name (or any address that is not an instance) goes to the instances in turn. Only
 * when no instance lets it through is the request refused. Until discovery exists, the instances are
 * the service's {@code hosts} that name a port; with none, each address a request goes to gets its
 * own breaker and requests are never moved. A retry goes to another instance than the attempt before
 * it when one lets it through (Envoy's {@code previous_hosts} retry predicate), else to the same.
 */
final class InstanceBreakers extends HttpBreakerPolicy.ChosenBreaker {

  private final String service;
  private final Instance[] instances;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, MeteredBreaker> others = new ConcurrentHashMap<>();
  private final Breakers breakers;
  private final Breaker config;

  private record Instance(String host, int port, MeteredBreaker breaker) {}

  /** {@code addresses} are {@code host:port}. */
  InstanceBreakers(String service, List<String> addresses, Breakers breakers, Breaker config, OnReject onReject) {
    super("no instance of " + service + " has a circuit breaker that permits the call", config, onReject);
    this.service = service;
    this.breakers = breakers;
    this.config = config;
    this.instances = addresses.stream().map(address -> {
      int colon = address.lastIndexOf(':');
      String host = address.substring(0, colon);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      return new Instance(host, Integer.parseInt(address.substring(colon + 1)),
          breakers.get(service + "/" + address, config, service, address));
    }).toArray(Instance[]::new);
  }

  @Override
  boolean admit(Exchange exchange) {
    String host = exchange.host();
    int port = exchange.port();
    int asked = indexOf(host, port);
    if (instances.length == 0) {
      MeteredBreaker breaker = other(host, port);
      exchange.keep(breaker);
      return breaker.tryAcquire();
    }
    boolean retry = exchange.attempt() > 1;
    if (asked >= 0 && !retry && instances[asked].breaker().tryAcquire()) {
      exchange.keep(instances[asked].breaker());
      return true;
    }
    int start = asked >= 0 ? asked + 1 : Math.floorMod(next.getAndIncrement(), instances.length);
    for (int i = 0; i < instances.length; i++) {
      Instance instance = instances[(start + i) % instances.length];
      if (instance != (asked >= 0 ? instances[asked] : null) && instance.breaker().tryAcquire()) {
        try {
          exchange.rewrite(instance.host(), instance.port());
        } catch (RuntimeException e) {
          instance.breaker().released(-1, false); // a URL the rewrite cannot parse: the permission goes back
          throw e;
        }
        exchange.keep(instance.breaker());
        return true;
      }
    }
    if (retry && asked >= 0 && instances[asked].breaker().tryAcquire()) {
      exchange.keep(instances[asked].breaker()); // the only instance that lets it through
      return true;
    }
    return false;
  }

  private int indexOf(String host, int port) {
    for (int i = 0; i < instances.length; i++) {
      if (instances[i].port() == port && instances[i].host().equalsIgnoreCase(host)) {
        return i;
      }
    }
    return -1;
  }

  /** The breaker of an address of a service that names no instances, bounded as {@link HostBreakers}'s. */
  private MeteredBreaker other(String host, int port) {
    String address = host + ":" + port;
    MeteredBreaker breaker = others.get(address);
    if (breaker != null) {
      return breaker;
    }
    if (others.size() >= HostBreakers.MAX_HOSTS) {
      return breakers.get(service + "/other", config, service, "other");
    }
    return others.computeIfAbsent(address, key -> breakers.get(service + "/" + key, config, service, key));
  }
}
