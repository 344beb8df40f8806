package io.kitagent.discovery;

import io.kitagent.config.Durations;
import io.kitagent.config.Fields;
import io.kitagent.config.Node;
import io.kitagent.config.Section;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code discovery:}, what the sources of the services' instances need: {@code etcd.endpoints} (the
 * v3 JSON gateway, {@code http://127.0.0.1:2379} by default, as etcdctl's), {@code dns.server} (the
 * DNS server SRV records are asked of, {@code host:port}; null: the system's) and {@code initialWait},
 * how long the first request to a service may wait for its source's first answer.
 */
public record DiscoveryConfig(List<URI> etcdEndpoints, String dnsServer, Duration initialWait) {

  public static final DiscoveryConfig DEFAULT = new DiscoveryConfig(List.of(URI.create("http://127.0.0.1:2379")),
      null, Duration.ofSeconds(2));

  public DiscoveryConfig {
    etcdEndpoints = List.copyOf(etcdEndpoints);
  }

  public static final Section<DiscoveryConfig> SECTION = new Section<>() {
    @Override
    public String key() {
      return "discovery";
    }

    @Override
    public DiscoveryConfig read(Fields root) {
      if (!root.written("discovery")) {
        return DEFAULT;
      }
      Fields f = root.object("discovery");
      Duration wait = f.durationOrZero("initialWait", DEFAULT.initialWait());
      if (wait.compareTo(Duration.ofSeconds(60)) > 0) {
        f.problems().add(f.node("initialWait"), f.path("initialWait"), "is at most 60s: a first request waits that long");
      }
      List<URI> endpoints = DEFAULT.etcdEndpoints();
      if (f.written("etcd")) {
        Fields etcd = f.object("etcd");
        if (etcd.written("endpoints")) {
          endpoints = endpoints(etcd);
        }
        etcd.done();
      }
      String dnsServer = null;
      if (f.written("dns")) {
        Fields dns = f.object("dns");
        dnsServer = dns.string("server", null);
        if (dnsServer != null && !dnsServer.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
          dns.problems().add(dns.node("server"), dns.path("server"), "expected host or host:port such as 127.0.0.1:5353, got \"" + dnsServer + "\"");
          dnsServer = null;
        }
        dns.done();
      }
      f.done();
      return new DiscoveryConfig(endpoints, dnsServer, wait);
    }

    @Override
    public Object describe(DiscoveryConfig discovery) {
      if (discovery.equals(DEFAULT)) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("initialWait", discovery.initialWait().isZero() ? "0" : Durations.format(discovery.initialWait()));
      out.put("etcd", Map.of("endpoints", discovery.etcdEndpoints().stream().map(URI::toString).toList()));
      if (discovery.dnsServer() != null) {
        out.put("dns", Map.of("server", discovery.dnsServer()));
      }
      return out;
    }
  };

  private static List<URI> endpoints(Fields etcd) {
    List<URI> out = new ArrayList<>();
    List<Node> items = etcd.list("endpoints");
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String text = item instanceof Node.Scalar s ? s.text().trim() : "";
      URI uri = null;
      try {
        uri = URI.create(text);
      } catch (IllegalArgumentException e) {
        // reported below
      }
      if (uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        out.add(uri);
      } else {
        etcd.problems().add(item, etcd.path("endpoints") + "[" + i + "]",
            "expected a URL such as http://127.0.0.1:2379, got " + item.describe());
      }
    }
    return out.isEmpty() ? DEFAULT.etcdEndpoints() : out;
  }
}
