package io.kitagent.discovery;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Chooses the instance a request goes to. Each kind prefers one or two instances its own way; when
 * {@code admit} turns them down (their breaker is open), the others are asked in turn, and the
 * instance to avoid (the one the previous attempt of a retry went to) last. {@code admit} is asked at
 * most once per instance and the first it accepts is the choice, so that a breaker's permission is
 * taken only for the instance the request goes to. Nothing is allocated per choice.
 */
public abstract class Balancer {

  /** A balancer of {@code kind}. */
  public static Balancer of(ServiceDiscovery.Balancer kind) {
    return switch (kind) {
      case POWER_OF_TWO -> new PowerOfTwo();
      case ROUND_ROBIN -> new RoundRobin();
      case RANDOM -> new Random();
      case WEIGHTED -> new Weighted();
      case LEAST_REQUESTS -> new LeastRequests();
    };
  }

  /** An instance of {@code all} that {@code admit} accepts, or null when none does (or there is none). */
  public final Instance pick(Instance[] all, Instance avoid, Predicate<Instance> admit) {
    int n = all.length;
    if (n == 0) {
      return null;
    }
    int skip = avoid == null || n == 1 ? -1 : indexOf(all, avoid);
    long preferred = prefer(all, skip);
    int first = (int) (preferred >> 32);
    int second = (int) preferred;
    if (first >= 0 && admit.test(all[first])) {
      return all[first];
    }
    if (second >= 0 && admit.test(all[second])) {
      return all[second];
    }
    int start = ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      int j = (start + i) % n;
      if (j != first && j != second && j != skip && admit.test(all[j])) {
        return all[j];
      }
    }
    return skip >= 0 && admit.test(all[skip]) ? all[skip] : null;
  }

  /**
   * The preferred instance's index and a second choice before the rest, never {@code skip}, packed
   * by {@link #pair} (-1: none), so that choosing allocates nothing.
   */
  abstract long prefer(Instance[] all, int skip);

  static long pair(int first, int second) {
    return ((long) first << 32) | (second & 0xFFFFFFFFL);
  }

  private static int indexOf(Instance[] all, Instance instance) {
    for (int i = 0; i < all.length; i++) {
      if (all[i] == instance || all[i].address().equals(instance.address())) {
        return i;
      }
    }
    return -1;
  }

  /** A random index of {@code n} other than {@code skip} and {@code other}, or -1. */
  static int randomIndex(int n, int skip, int other) {
    int left = n - (skip >= 0 ? 1 : 0) - (other >= 0 && other != skip ? 1 : 0);
    if (left <= 0) {
      return -1;
    }
    int k = ThreadLocalRandom.current().nextInt(left);
    for (int i = 0; i < n; i++) {
      if (i != skip && i != other && k-- == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Two at random; the one with the lower load first (Mitzenmacher's power of two choices). */
  static final class PowerOfTwo extends Balancer {

    @Override
    long prefer(Instance[] all, int skip) {
      int a = randomIndex(all.length, skip, -1);
      int b = randomIndex(all.length, skip, a);
      if (b < 0) {
        return pair(a, -1);
      }
      long now = System.nanoTime();
      return all[a].load(now) <= all[b].load(now) ? pair(a, b) : pair(b, a);
    }
  }

  static final class RoundRobin extends Balancer {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    long prefer(Instance[] all, int skip) {
      int i = Math.floorMod(next.getAndIncrement(), all.length);
      return pair(i == skip ? (i + 1) % all.length : i, -1);
    }
  }

  static final class Random extends Balancer {
    @Override
    long prefer(Instance[] all, int skip) {
      return pair(randomIndex(all.length, skip, -1), -1);
    }
  }

  /** In proportion to the weights (DNS SRV's and etcd's). */
  static final class Weighted extends Balancer {
    @Override
    long prefer(Instance[] all, int skip) {
      return pair(weighted(all, skip), -1);
    }

    private static int weighted(Instance[] all, int skip) {
      long total = 0;
      for (int i = 0; i < all.length; i++) {
        total += i == skip ? 0 : all[i].weight();
      }
      if (total <= 0) {
        return -1;
      }
      long r = ThreadLocalRandom.current().nextLong(total);
      for (int i = 0; i < all.length; i++) {
        if (i != skip && (r -= all[i].weight()) < 0) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The fewest requests in flight; ties broken from a random start. */
  static final class LeastRequests extends Balancer {
    @Override
    long prefer(Instance[] all, int skip) {
      int n = all.length;
      int start = ThreadLocalRandom.current().nextInt(n);
      int best = -1;
      for (int k = 0; k < n; k++) {
        int i = (start + k) % n;
        if (i != skip && (best < 0 || all[i].inFlight() < all[best].inFlight())) {
          best = i;
        }
      }
      return pair(best, -1);
    }
  }
}
