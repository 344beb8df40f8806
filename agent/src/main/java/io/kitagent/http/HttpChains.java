package io.kitagent.http;

import io.kitagent.config.AgentConfig;
import io.kitagent.config.Rule;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Chain;
import io.kitagent.core.Context;
import io.kitagent.core.PolicyOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chain of each HTTP destination: {@code http.server} for incoming requests; for outgoing ones, a
 * service's own ({@code services.<name>}, each word it does not set taken from {@code http.client}),
 * else {@code http.client}'s. Built at the first request of each, so that the policies find the meters
 * ready (the HTTP classes are woven only once they are).
 */
final class HttpChains {

  static final String CLIENT = "http.client";
  static final String SERVER = "http.server";

  private static final Chain NONE = Chain.of("none", java.util.List.of());

  private final Context context;
  private final Rule client;
  private final Rule server;
  private final Map<String, Rule> services = new ConcurrentHashMap<>();
  private final boolean discovered;
  private final Map<String, Chain> built = new ConcurrentHashMap<>();
  /** By service name, so that finding a request's chain builds no {@code services.<name>} string. */
  private final Map<String, Chain> byService = new ConcurrentHashMap<>();

  HttpChains(AgentConfig config, Context context) {
    this.context = context;
    this.client = config.http().client();
    this.server = config.http().server();
    for (ServiceSettings service : config.services()) {
      services.put(service.name(), service.rule().orElse(client));
    }
    this.discovered = config.services().stream().anyMatch(service -> service.discovery() != null
        && service.discovery().resolve() != null);
  }

  /** Whether any outgoing request can have a policy (a service's discovery is one): then client libraries are woven. */
  boolean clientSide() {
    return client != null || discovered || services.values().stream().anyMatch(rule -> !rule.isEmpty());
  }

  boolean serverSide() {
    return server != null;
  }

  /** The chain of a request to {@code service} (null: not a named service). */
  Chain client(String service) {
    Rule rule = service == null ? null : services.get(service);
    if (rule != null) {
      Chain chain = byService.get(service);
      return chain != null ? chain : byService.computeIfAbsent(service,
          name -> PolicyOrder.forHttp("services." + name, RuleKind.SERVICE, rule, context));
    }
    return client == null ? NONE : built.computeIfAbsent(CLIENT,
        site -> PolicyOrder.forHttp(site, RuleKind.HTTP_CLIENT, client, context));
  }

  Chain server() {
    return server == null ? NONE : built.computeIfAbsent(SERVER,
        site -> PolicyOrder.forHttp(site, RuleKind.HTTP_SERVER, server, context));
  }
}
