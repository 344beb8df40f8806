package io.kitagent.config;

import java.util.List;

/**
 * {@code services.<name>:} a downstream this service calls. Requests to one of its {@code hosts}
 * ({@code host} matches any port, {@code host:port} only that port; the name itself always counts as
 * a host) are tagged with the name instead of the address.
 */
public record ServiceSettings(String name, List<String> hosts) {

  public ServiceSettings {
    hosts = List.copyOf(hosts);
  }
}
