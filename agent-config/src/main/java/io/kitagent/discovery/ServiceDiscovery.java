package io.kitagent.discovery;

import io.kitagent.config.Fields;
import io.kitagent.config.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the instances of a downstream service are found and chosen: {@code resolve} (where the
 * instances come from: {@code static} with its {@code instances}, {@code etcd} with the {@code key}
 * prefix its instances are registered under, {@code dns-srv} with its SRV {@code record}; {@link #key}
 * holds the prefix or the record) and {@code balancer} (which
 * instance a request goes to). Requests to one of the service's hosts (by default its name) are sent
 * to the chosen instance. Read from a {@code services.<name>} entry; null when it has neither key.
 */
public record ServiceDiscovery(Resolve resolve, List<String> instances, String key, Balancer balancer) {

  /** Where the instances come from. */
  public enum Resolve { STATIC, ETCD, DNS_SRV }

  /** Which instance a request goes to. */
  public enum Balancer {
    /** Two instances drawn at random; the less loaded (peak EWMA latency × requests in flight) wins, as Finagle and Linkerd do. */
    POWER_OF_TWO,
    ROUND_ROBIN,
    RANDOM,
    /** At random, in proportion to each instance's weight. */
    WEIGHTED,
    /** The instance with the fewest requests in flight. */
    LEAST_REQUESTS
  }

  /** {@code host:port}, {@code [v6]:port}. */
  private static final Pattern INSTANCE = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):([0-9]{1,5})");

  public ServiceDiscovery {
    instances = List.copyOf(instances);
  }

  /** {@code resolve} and {@code balancer} of a service entry (and what its source needs), or null. */
  public static ServiceDiscovery read(Fields service) {
    if (!service.written("resolve") && !service.written("balancer")) {
      return null;
    }
    Resolve resolve = service.oneOf("resolve", Resolve.class, null);
    Balancer balancer = service.oneOf("balancer", Balancer.class, Balancer.POWER_OF_TWO);
    List<String> instances = new ArrayList<>();
    String key = null;
    if (resolve == Resolve.ETCD) {
      key = service.requiredString("key", "/services/inventory/");
    }
    if (resolve == Resolve.DNS_SRV) {
      key = service.requiredString("record", "_http._tcp.inventory.service.local");
    }
    if (resolve == Resolve.STATIC) {
      List<Node> items = service.list("instances");
      if (items.isEmpty()) {
        service.problems().add(service.node("resolve"), service.path("instances"),
            "resolve: static needs instances, for example [127.0.0.1:8081, 127.0.0.1:8082]");
      }
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        String text = item instanceof Node.Scalar s ? s.text().trim() : "";
        if (instance(text)) {
          instances.add(text);
        } else {
          service.problems().add(item, service.path("instances") + "[" + i + "]",
              "expected host:port such as 127.0.0.1:8081, got " + item.describe());
        }
      }
    }
    return new ServiceDiscovery(resolve, instances, key, balancer);
  }

  /** Whether {@code text} is an instance's address: {@code host:port} or {@code [v6]:port}, port 1 to 65535. */
  public static boolean instance(String text) {
    var m = INSTANCE.matcher(text);
    return m.matches() && Integer.parseInt(m.group(2)) > 0 && Integer.parseInt(m.group(2)) <= 65535;
  }

  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (resolve != null) {
      out.put("resolve", Fields.word(resolve));
      switch (resolve) {
        case STATIC -> out.put("instances", instances);
        case ETCD -> out.put("key", key);
        case DNS_SRV -> out.put("record", key);
      }
    }
    out.put("balancer", Fields.word(balancer));
    return out;
  }
}
