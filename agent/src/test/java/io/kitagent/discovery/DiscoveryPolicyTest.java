package io.kitagent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kitagent.config.OnReject;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Exchange;
import io.kitagent.core.Refusal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryPolicyTest {

  private static DiscoveryPolicy policy(ServiceInstances instances) {
    return new DiscoveryPolicy(instances, Balancer.of(ServiceDiscovery.Balancer.ROUND_ROBIN), Duration.ZERO,
        OnReject.defaultFor(RuleKind.SERVICE));
  }

  @Test
  void aRequestGoesToAnInstanceAndItsRetryToAnother() {
    ServiceInstances instances = new ServiceInstances("inventory", "static", "", null, null);
    instances.update(Map.of("10.0.0.1:8080", 1, "10.0.0.2:8080", 1));
    DiscoveryPolicy policy = policy(instances);
    Request request = new Request();

    assertNull(policy.before(request));
    String first = request.host() + ":" + request.port();
    assertEquals(1, ((Instance) request.kept()).inFlight());
    policy.after(request);
    assertEquals(0, ((Instance) request.kept()).inFlight(), "in flight again when it ended");
    assertNull(policy.before(request));
    assertNotEquals(first, request.host() + ":" + request.port(), "the retry avoids the instance before");
  }

  @Test
  void withNoInstanceTheRequestIsRefusedAndSaysWhy() {
    ServiceInstances instances = new ServiceInstances("inventory", "etcd", "under /services/inventory/", null, null);
    assertEquals("no instance of inventory: etcd has not answered yet", policy(instances).before(new Request()).detail());
    instances.failed("connection refused");
    assertEquals("no instance of inventory: etcd has not answered yet (connection refused)",
        policy(instances).before(new Request()).detail());
    instances.update(Map.of());
    Refusal refusal = policy(instances).before(new Request());
    assertEquals("no instance of inventory: etcd has none under /services/inventory/", refusal.detail());
  }

  /** An outgoing request to {@code http://inventory/items}. */
  private static final class Request extends Exchange {
    private String host = "inventory";
    private int port = 80;

    Request() {
      super("okhttp", "GET", "inventory");
    }

    @Override
    public boolean client() {
      return true;
    }

    @Override
    public String forLog(boolean withQuery) {
      return "http://" + host + ":" + port + "/items";
    }

    @Override
    public String host() {
      return host;
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public void rewrite(String host, int port) {
      this.host = host;
      this.port = port;
    }
  }
}
