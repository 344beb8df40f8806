package io.kitagent.http;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which downstream service ({@code services.<name>.hosts}) a request's host and port belong to. Built
 * once; a lookup allocates nothing.
 */
final class ServiceNames {

  private final Map<String, Ports> byHost = new HashMap<>();

  ServiceNames(List<ServiceSettings> services) {
    for (ServiceSettings service : services) {
      add(service.name().toLowerCase(Locale.ROOT), service.name());
      for (String host : service.hosts()) {
        add(host, service.name());
      }
    }
  }

  private void add(String hostAndPort, String service) {
    int colon = hostAndPort.lastIndexOf(':');
    boolean hasPort = colon > 0 && !hostAndPort.endsWith("]");
    String host = hasPort ? hostAndPort.substring(0, colon) : hostAndPort;
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1); // URIs give IPv6 hosts with brackets, OkHttp without
    }
    Ports ports = byHost.computeIfAbsent(host, h -> new Ports());
    if (hasPort) {
      ports.add(Integer.parseInt(hostAndPort.substring(colon + 1)), service);
    } else if (ports.anyPort == null) {
      ports.anyPort = service;
    }
  }

  /** The service name, or null. The advice passes the scheme's default port when a URL has none. */
  String lookup(String host, int port) {
    if (host == null || byHost.isEmpty()) {
      return null;
    }
    Ports ports = byHost.get(host);
    if (ports == null && !host.isEmpty() && host.charAt(0) == '[') {
      ports = byHost.get(host.substring(1, host.length() - 1));
    }
    if (ports == null) {
      ports = byHost.get(host.toLowerCase(Locale.ROOT));
    }
    if (ports == null) {
      return null;
    }
    String exact = ports.get(port);
    return exact != null ? exact : ports.anyPort;
  }

  /** A host's few ports in arrays, so that looking one up boxes nothing. */
  private static final class Ports {
    int[] ports = new int[0];
    String[] names = new String[0];
    String anyPort;

    void add(int port, String name) {
      if (get(port) == null) {
        ports = Arrays.copyOf(ports, ports.length + 1);
        names = Arrays.copyOf(names, names.length + 1);
        ports[ports.length - 1] = port;
        names[names.length - 1] = name;
      }
    }

    String get(int port) {
      for (int i = 0; i < ports.length; i++) {
        if (ports[i] == port) {
          return names[i];
        }
      }
      return null;
    }
  }
}
