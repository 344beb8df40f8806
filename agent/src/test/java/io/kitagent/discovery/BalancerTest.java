package io.kitagent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each balancer's distribution over many picks, and how it passes over instances that are turned down. */
class BalancerTest {

  private static final int PICKS = 30_000;

  private static Instance[] three() {
    return new Instance[] {Instance.parse("10.0.0.1:80", 1), Instance.parse("10.0.0.2:80", 1),
        Instance.parse("10.0.0.3:80", 1)};
  }

  private static Map<String, Integer> picks(Balancer balancer, Instance[] all) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < PICKS; i++) {
      counts.merge(balancer.pick(all, null, instance -> true).address(), 1, Integer::sum);
    }
    return counts;
  }

  private static void assertShare(double expected, Map<String, Integer> counts, String address) {
    double share = counts.getOrDefault(address, 0) / (double) PICKS;
    assertEquals(expected, share, 0.02, address + " in " + counts);
  }

  @Test
  void roundRobinTakesEachInTurn() {
    Instance[] all = three();
    Balancer balancer = Balancer.of(ServiceDiscovery.Balancer.ROUND_ROBIN);
    for (int i = 0; i < 9; i++) {
      assertSame(all[i % 3], balancer.pick(all, null, instance -> true));
    }
  }

  @Test
  void randomSpreadsEvenly() {
    Instance[] all = three();
    Map<String, Integer> counts = picks(Balancer.of(ServiceDiscovery.Balancer.RANDOM), all);
    for (Instance instance : all) {
      assertShare(1 / 3.0, counts, instance.address());
    }
  }

  @Test
  void weightedFollowsTheWeights() {
    Instance[] all = {Instance.parse("10.0.0.1:80", 1), Instance.parse("10.0.0.2:80", 3), Instance.parse("10.0.0.3:80", 6)};
    Map<String, Integer> counts = picks(Balancer.of(ServiceDiscovery.Balancer.WEIGHTED), all);
    assertShare(0.1, counts, "10.0.0.1:80");
    assertShare(0.3, counts, "10.0.0.2:80");
    assertShare(0.6, counts, "10.0.0.3:80");
  }

  @Test
  void powerOfTwoAvoidsASlowInstance() {
    assertPowerOfTwoAvoidsTheFirst(200_000_000L, false); // 200 ms, against 1 ms
  }

  @Test
  void powerOfTwoAvoidsAnInstanceAnsweringUnderLoad() {
    assertPowerOfTwoAvoidsTheFirst(1_000_000L, true); // a 429 as fast as the others
  }

  private static void assertPowerOfTwoAvoidsTheFirst(long nanos, boolean overloaded) {
    Instance[] all = three();
    for (int i = 0; i < all.length; i++) {
      all[i].started();
      all[i].finished(i == 0 ? nanos : 1_000_000L, i == 0 && overloaded);
    }
    Map<String, Integer> counts = picks(Balancer.of(ServiceDiscovery.Balancer.POWER_OF_TWO), all);
    assertTrue(counts.getOrDefault("10.0.0.1:80", 0) < PICKS / 10, counts::toString);
  }

  @Test
  void powerOfTwoSpreadsEqualInstancesEvenly() {
    Instance[] all = three();
    Map<String, Integer> counts = picks(Balancer.of(ServiceDiscovery.Balancer.POWER_OF_TWO), all);
    for (Instance instance : all) {
      assertShare(1 / 3.0, counts, instance.address());
    }
  }

  @Test
  void leastRequestsTakesTheLeastBusy() {
    Instance[] all = three();
    all[0].started();
    all[0].started();
    all[2].started();
    assertSame(all[1], Balancer.of(ServiceDiscovery.Balancer.LEAST_REQUESTS).pick(all, null, instance -> true));
  }

  @Test
  void aTurnedDownInstanceIsPassedOverAndTheOneToAvoidComesLast() {
    Instance[] all = three();
    for (ServiceDiscovery.Balancer kind : ServiceDiscovery.Balancer.values()) {
      Balancer balancer = Balancer.of(kind);
      for (int i = 0; i < 100; i++) {
        Map<Instance, Integer> asked = new HashMap<>();
        Instance chosen = balancer.pick(all, all[1], instance -> {
          asked.merge(instance, 1, Integer::sum);
          return instance != all[0];
        });
        assertSame(all[2], chosen, kind + ": the one neither turned down nor to avoid");
        assertTrue(asked.values().stream().allMatch(n -> n == 1), kind + " asked twice: " + asked);
      }
      assertSame(all[1], balancer.pick(all, all[1], instance -> instance == all[1]), kind + ": the avoided one when no other");
      assertNull(balancer.pick(all, null, instance -> false), kind.name());
      assertNull(balancer.pick(new Instance[0], null, instance -> true), kind.name());
    }
  }
}
