package io.kitagent.http;

import io.kitagent.config.AgentConfig;
import io.kitagent.config.Fields;
import io.kitagent.config.Node;
import io.kitagent.config.Rule;
import io.kitagent.discovery.ServiceDiscovery;
import io.kitagent.config.RuleKind;
import io.kitagent.config.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config word {@code http}: the {@code http:} section, the rules of every outgoing and incoming
 * request; and {@code services:}, the downstreams this service calls by name.
 */
public final class HttpConfig {

  /** {@code http:}; absent: no HTTP class is woven. */
  public static final Section<HttpSettings> SECTION = new Section<>() {
    @Override
    public String key() {
      return "http";
    }

    @Override
    public HttpSettings read(Fields root) {
      return settings(root);
    }

    @Override
    public Object describe(HttpSettings http) {
      return !http.enabled() ? null : AgentConfig.map(
          "client", http.client() == null ? false : http.client().describe(),
          "server", http.server() == null ? false : http.server().describe());
    }
  };

  /** {@code services:}. */
  public static final Section<List<ServiceSettings>> SERVICES = new Section<>() {
    @Override
    public String key() {
      return "services";
    }

    @Override
    public List<ServiceSettings> read(Fields root) {
      return services(root);
    }

    @Override
    public Object describe(List<ServiceSettings> services) {
      if (services.isEmpty()) {
        return null;
      }
      Map<String, Object> named = new java.util.LinkedHashMap<>();
      for (ServiceSettings service : services) {
        Map<String, Object> described = AgentConfig.map("hosts", service.hosts());
        if (service.discovery() != null) {
          described.putAll(service.discovery().describe());
        }
        described.putAll(service.rule().describe());
        named.put(service.name(), described);
      }
      return named;
    }
  };

  /** A DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
  private static final Pattern HOST = Pattern.compile(
      "([A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
  private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private HttpConfig() {}

  static HttpSettings settings(Fields root) {
    if (!root.written("http")) {
      return HttpSettings.OFF;
    }
    Fields f = root.object("http");
    Rule client = policy(f, "client", RuleKind.HTTP_CLIENT);
    Rule server = policy(f, "server", RuleKind.HTTP_SERVER);
    f.done();
    return new HttpSettings(client, server);
  }

  /**
   * {@code true} logs and measures every request; a mapping holds the side's policy words (absent
   * {@code log} and {@code metrics} mean off there); absent or false: the side is not woven.
   */
  private static Rule policy(Fields http, String key, RuleKind kind) {
    Node node = http.node(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof Node.Mapping)) {
      if (!http.asBool(node, http.path(key), false)) {
        return null;
      }
      Fields on = new Fields(new Node.Mapping(java.util.Map.of("log", on(node), "metrics", on(node)),
          node.line(), node.column()), http.path(key), http.problems());
      return Rule.read(on, kind);
    }
    Fields f = http.object(key);
    Rule rule = Rule.read(f, kind);
    f.done();
    return rule.isEmpty() ? null : rule;
  }

  private static Node.Entry on(Node at) {
    return new Node.Entry(new Node.Scalar("true", Node.Scalar.Kind.BOOLEAN, false, at.line(), at.column()),
        at.line(), at.column());
  }

  static List<ServiceSettings> services(Fields root) {
    List<ServiceSettings> services = new ArrayList<>();
    if (!root.written("services")) {
      return services;
    }
    Fields all = root.object("services");
    for (Map.Entry<String, Node.Entry> entry : all.entries().entrySet()) {
      String name = entry.getKey();
      Node.Entry at = entry.getValue();
      if (!SERVICE_NAME.matcher(name).matches()) {
        all.problems().add(at.line(), at.column(), all.path(name), "a service name is a host name "
            + "such as inventory (letters, digits, '.', '-', '_'), got \"" + name + "\"");
      }
      Fields f = all.object(name);
      List<String> hosts = hosts(f);
      Rule rule = Rule.read(f, RuleKind.SERVICE);
      ServiceDiscovery discovery = ServiceDiscovery.read(f);
      if (discovery != null && !f.written("resolve") && f.written("balancer") && !instanceBreakers(rule, hosts)) {
        f.problems().add(f.node("balancer"), f.path("balancer"), "has no instances to choose among: give the "
            + "service resolve, or breaker.scope: instance with hosts that name ports");
      }
      f.done();
      services.add(new ServiceSettings(name, hosts, rule, discovery));
    }
    return services;
  }

  /** Whether a service's breakers are per instance over hosts that name ports: its instances without discovery. */
  private static boolean instanceBreakers(Rule rule, List<String> hosts) {
    io.kitagent.breaker.Breaker breaker = rule.get(io.kitagent.breaker.Breaker.WORD);
    return breaker != null && breaker.scope() == io.kitagent.breaker.Breaker.Scope.INSTANCE
        && hosts.stream().anyMatch(host -> host.lastIndexOf(':') > 0 && !host.endsWith("]"));
  }

  /** A list of hosts, or a single one. */
  private static List<String> hosts(Fields f) {
    Node node = f.node("hosts");
    if (node instanceof Node.Sequence) {
      return f.listOf("hosts", (item, where) -> host(f, item, where));
    }
    String host = node == null ? null : host(f, node, f.path("hosts"));
    return host == null ? List.of() : List.of(host);
  }

  private static boolean portInRange(String host) {
    int colon = host.lastIndexOf(':');
    return colon < 0 || host.endsWith("]") || Integer.parseInt(host.substring(colon + 1)) <= 65_535;
  }

  private static String host(Fields f, Node item, String where) {
    if (item instanceof Node.Scalar s && (s.kind() == Node.Scalar.Kind.STRING || s.substituted())) {
      String host = s.text().trim();
      if (HOST.matcher(host).matches() && portInRange(host)) {
        return host.toLowerCase(Locale.ROOT);
      }
      f.problems().add(item, where, "expected host or host:port such as inventory.internal:8080 "
          + "(no scheme, no path), got \"" + s.text() + "\"");
    } else if (!(item instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.UNRESOLVED)) {
      f.problems().add(item, where, "expected host or host:port, got " + item.describe());
    }
    return null;
  }
}
