package io.kitagent.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.core.Chain;
import io.kitagent.core.MethodCall;
import io.kitagent.core.MethodSite;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final MethodSite SITE = new MethodSite("com.example.Orders", "place", new String[0], true, "void");

  private static RetryPolicy policy(List<String> retryExceptions) {
    return new RetryPolicy(SITE.name(), new Retry(3, Duration.ofMillis(100), 2, Duration.ofSeconds(1), 0,
        retryExceptions, List.of(), Retry.Budget.NONE), null, null);
  }

  private static long waitAfter(RetryPolicy policy, Throwable error) {
    MethodCall call = new MethodCall(SITE, Chain.of("test", List.of(policy)));
    call.threw(null, error);
    return policy.retryWait(call);
  }

  @Test
  void errorsAndInterruptsAreNotRetriedUnlessNamed() {
    RetryPolicy any = policy(List.of());
    assertEquals(-1, waitAfter(any, new OutOfMemoryError()));
    assertEquals(-1, waitAfter(any, new StackOverflowError()));
    assertEquals(-1, waitAfter(any, new InterruptedException()));
    assertEquals(-1, waitAfter(any, new InterruptedIOException()));
    assertTrue(waitAfter(any, new IllegalStateException()) >= 0);
    assertTrue(waitAfter(policy(List.of("java.lang.VirtualMachineError")), new OutOfMemoryError()) >= 0,
        "named, it is retried");
  }

  @Test
  void theWaitGrowsByTheMultiplierUpToItsMaximum() {
    RetryPolicy policy = policy(List.of());
    assertEquals(Duration.ofMillis(100).toNanos(), policy.waitFor(1));
    assertEquals(Duration.ofMillis(200).toNanos(), policy.waitFor(2));
    assertEquals(Duration.ofMillis(800).toNanos(), policy.waitFor(4));
    assertEquals(Duration.ofSeconds(1).toNanos(), policy.waitFor(5), "exponentialMaxWaitDuration bounds it");
    assertEquals(Duration.ofSeconds(1).toNanos(), policy.waitFor(60));
  }
}
