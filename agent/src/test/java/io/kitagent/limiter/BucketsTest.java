package io.kitagent.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketsTest {

  private static final RateLimiterConfig ONE_PER_MINUTE = RateLimiterConfig.custom().limitForPeriod(1)
      .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build();

  @Test
  void eachKeyHasItsOwnBucket() {
    Buckets buckets = new Buckets("inbound", ONE_PER_MINUTE, 10);
    assertTrue(buckets.get("a").acquire());
    assertFalse(buckets.get("a").acquire());
    assertTrue(buckets.get("b").acquire(), "b's bucket is not a's");
    assertSame(buckets.get(null), buckets.get(""), "requests without the key share one bucket");
  }

  @Test
  void theLeastRecentlyUsedBucketIsDroppedPastTheBound() {
    Buckets buckets = new Buckets("inbound", ONE_PER_MINUTE, 2);
    MeteredLimiter a = buckets.get("a");
    buckets.get("b");
    buckets.get("a"); // a is used again: b is now the eldest
    buckets.get("c");
    assertEquals(2, buckets.size());
    assertSame(a, buckets.get("a"));
    assertEquals(1L, buckets.describe().get("dropped_buckets"));
    assertNotSame(buckets.get("b"), null);
    assertEquals(2L, buckets.describe().get("dropped_buckets"), "b came back as a new bucket, dropping c");
  }
}
