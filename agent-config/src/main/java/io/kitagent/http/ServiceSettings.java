package io.kitagent.http;

import io.kitagent.config.Rule;
import io.kitagent.discovery.ServiceDiscovery;

import java.util.List;

/**
 * {@code services.<name>:} a downstream this service calls. Requests to one of its {@code hosts}
 * ({@code host} matches any port, {@code host:port} only that port; the name itself always counts as
 * a host) are tagged with the name instead of the address, and get the service's own policy words
 * ({@code rule}) instead of {@code http.client}'s refusing ones. With {@code discovery}, they are sent
 * to one of its instances.
 */
public record ServiceSettings(String name, List<String> hosts, Rule rule, ServiceDiscovery discovery) {

  public ServiceSettings {
    hosts = List.copyOf(hosts);
  }
}
