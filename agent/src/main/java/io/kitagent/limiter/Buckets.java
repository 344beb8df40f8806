package io.kitagent.limiter;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rate limiter per key (a route, a client address, a header's value), at most {@code max} of them:
 * the least recently used is dropped to make room, so a scan from many addresses costs memory only up
 * to the bound. A dropped key starts again with a full bucket.
 */
final class Buckets {

  private final String name;
  private final RateLimiterConfig config;
  private final int max;
  private final LinkedHashMap<String, MeteredLimiter> byKey;
  private long dropped;

  Buckets(String name, RateLimiterConfig config, int max) {
    this.name = name;
    this.config = config;
    this.max = max;
    this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, MeteredLimiter> eldest) {
        if (size() > Buckets.this.max) {
          dropped++;
          return true;
        }
        return false;
      }
    };
  }

  String name() {
    return name;
  }

  /** The bucket of {@code key} (null: the key is missing, and all such requests share one bucket). */
  synchronized MeteredLimiter get(String key) {
    String k = key == null ? "" : key;
    MeteredLimiter bucket = byKey.get(k);
    if (bucket == null) {
      bucket = Limiters.bucket(name + "[" + k + "]", config);
      byKey.put(k, bucket);
    }
    return bucket;
  }

  synchronized int size() {
    return byKey.size();
  }

  synchronized Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("limit_for_period", config.getLimitForPeriod());
    out.put("limit_refresh_period_ms", config.getLimitRefreshPeriod().toMillis());
    out.put("buckets", byKey.size());
    out.put("max_buckets", max);
    out.put("dropped_buckets", dropped);
    return out;
  }
}
