package io.kitagent.discovery;

import io.kitagent.breaker.Breaker;
import io.kitagent.core.Context;
import io.kitagent.http.ServiceSettings;
import io.kitagent.metrics.Meters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances of every downstream service that has them, one {@link ServiceInstances} each, made on
 * first use and shared by the policies that choose among them: the discovery policy, or a service's
 * per-instance breakers, which choose themselves so that an instance whose breaker is open is passed
 * over. A service has instances when it says where they come from ({@code resolve}), or, without
 * that, when its {@code hosts} name ports and its breaker is per instance.
 */
public final class Directory {

  private final Context context;
  private final Map<String, ServiceInstances> byService = new ConcurrentHashMap<>();

  private Directory(Context context) {
    this.context = context;
  }

  public static Directory of(Context context) {
    return context.shared(Directory.class, () -> new Directory(context));
  }

  /** The instances of {@code service}, or null when it has none to choose among. */
  public ServiceInstances instances(String service) {
    ServiceInstances known = byService.get(service);
    if (known != null) {
      return known;
    }
    ServiceSettings settings = settings(context, service);
    if (settings == null) {
      return null;
    }
    ServiceDiscovery discovery = settings.discovery();
    ServiceDiscovery.Resolve resolve = discovery == null ? null : discovery.resolve();
    List<String> hostPorts = hostPorts(settings.hosts());
    if (resolve == null && hostPorts.isEmpty()) {
      return null;
    }
    return byService.computeIfAbsent(service, name -> {
      Meters meters = context.meters();
      String source = resolve == null ? "hosts" : io.kitagent.config.Fields.word(resolve);
      String where = resolve == ServiceDiscovery.Resolve.ETCD ? "under " + discovery.key()
          : resolve == ServiceDiscovery.Resolve.DNS_SRV ? "for " + discovery.key() : "";
      ServiceInstances made = new ServiceInstances(name, source, where, context.log(),
          meters == null ? null : meters.registry());
      if (resolve == ServiceDiscovery.Resolve.ETCD) {
        new EtcdSource(made, context.config().discovery().etcdEndpoints(), discovery.key()).start();
      } else if (resolve == ServiceDiscovery.Resolve.DNS_SRV) {
        new DnsSrvSource(made, discovery.key(), dnsServer(context.config().discovery().dnsServer())).start();
      } else {
        Map<String, Integer> addresses = new LinkedHashMap<>();
        (resolve == null ? hostPorts : discovery.instances()).forEach(address -> addresses.put(address, 1));
        made.update(addresses);
      }
      return made;
    });
  }

  /** {@code host[:port]} (53 by default); without one, the first {@code nameserver} of {@code /etc/resolv.conf}. */
  static java.net.InetSocketAddress dnsServer(String configured) {
    String server = configured;
    if (server == null) {
      try {
        server = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/resolv.conf")).stream()
            .map(String::trim).filter(line -> line.startsWith("nameserver")).map(line -> line.substring(10).trim())
            .findFirst().orElse("127.0.0.1");
      } catch (java.io.IOException | RuntimeException e) {
        server = "127.0.0.1";
      }
      return new java.net.InetSocketAddress(server, 53);
    }
    int colon = server.lastIndexOf(':');
    boolean port = colon > 0 && !server.endsWith("]");
    String host = port ? server.substring(0, colon) : server;
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new java.net.InetSocketAddress(host, port ? Integer.parseInt(server.substring(colon + 1)) : 53);
  }

  /** How long a first request waits for its service's source to answer. */
  public java.time.Duration initialWait() {
    return context.config().discovery().initialWait();
  }

  /** The balancer a service asked for; without one, a list of hosts is taken in turn, as before discovery. */
  public static Balancer balancer(Context context, String service) {
    ServiceSettings settings = settings(context, service);
    ServiceDiscovery discovery = settings == null ? null : settings.discovery();
    if (discovery == null) {
      return Balancer.of(ServiceDiscovery.Balancer.ROUND_ROBIN);
    }
    return Balancer.of(discovery.balancer());
  }

  /** Whether a service's instances are chosen by its per-instance breakers rather than by the discovery policy. */
  static boolean breakersChoose(ServiceSettings settings) {
    Breaker breaker = settings.rule().get(Breaker.WORD);
    return breaker != null && breaker.scope() == Breaker.Scope.INSTANCE;
  }

  static ServiceSettings settings(Context context, String service) {
    for (ServiceSettings settings : context.config().services()) {
      if (settings.name().equals(service)) {
        return settings;
      }
    }
    return null;
  }

  /** The services whose source failed and has not answered since, with why. */
  Map<String, Object> stale() {
    Map<String, Object> out = new LinkedHashMap<>();
    byService.forEach((name, instances) -> {
      if (instances.stale() != null) {
        out.put(name, instances.stale());
      }
    });
    return out;
  }

  /** {@code GET /agent/discovery}: the instances of every service that has them, requested yet or not. */
  Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ServiceSettings settings : context.config().services()) {
      ServiceInstances instances = instances(settings.name());
      if (instances != null) {
        out.put(settings.name(), instances.view());
      }
    }
    return out;
  }

  private static List<String> hostPorts(List<String> hosts) {
    return hosts.stream().filter(host -> host.lastIndexOf(':') > 0 && !host.endsWith("]")).distinct().toList();
  }
}
