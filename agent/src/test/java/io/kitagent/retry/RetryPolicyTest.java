package io.kitagent.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.core.Chain;
import io.kitagent.core.Exchange;
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
        retryExceptions, List.of(), Retry.Budget.NONE, null, false), null, null);
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

  private static RetryPolicy httpPolicy(boolean nonIdempotent) {
    return new RetryPolicy("inventory", new Retry(3, Duration.ZERO, 1, Duration.ofSeconds(1), 0, List.of(),
        List.of(), Retry.Budget.NONE, Retry.DEFAULT_RETRY_ON_STATUS, nonIdempotent), null, null);
  }

  private static boolean retried(RetryPolicy policy, String method, int status, Throwable error, boolean replayable) {
    return policy.retryWait(new Request(method, status, error, replayable)) >= 0;
  }

  @Test
  void aRequestIsRetriedOnAGatewayAnswerOrAFailedConnectionWhenItMaySafelyGoTwice() {
    RetryPolicy idempotentOnly = httpPolicy(false);
    assertTrue(retried(idempotentOnly, "GET", 503, null, true));
    assertTrue(retried(idempotentOnly, "PUT", 502, null, true));
    assertTrue(retried(idempotentOnly, "DELETE", -1, new java.net.ConnectException("refused"), true));
    assertTrue(retried(idempotentOnly, "GET", -1, new java.net.SocketTimeoutException("read timed out"), true),
        "a timeout is not an interrupt");
    assertFalse(retried(idempotentOnly, "GET", 500, null, true), "500 is not in the default retryOnStatus");
    assertFalse(retried(idempotentOnly, "GET", 200, null, true));
    assertFalse(retried(idempotentOnly, "POST", 503, null, true), "POST is not idempotent");
    assertFalse(retried(idempotentOnly, "PATCH", -1, new java.net.ConnectException("refused"), true));
    assertFalse(retried(idempotentOnly, "GET", 503, null, false), "a body that cannot be replayed");
    assertFalse(retried(idempotentOnly, "GET", -1, Exchange.ABANDONED, true), "the application dropped it");
    assertFalse(retried(idempotentOnly, "GET", -1, new java.io.InterruptedIOException("Request aborted"), true),
        "the application aborted it");
    assertFalse(retried(idempotentOnly, "GET", -1, new IllegalStateException("client closed"), true),
        "only connection failures");
    assertTrue(retried(httpPolicy(true), "POST", 503, null, true), "retryNonIdempotent");
  }

  /** An outgoing request's attempt, as a client library's advice ends it. */
  private static final class Request extends Exchange {
    private final boolean replayable;

    Request(String method, int status, Throwable error, boolean replayable) {
      super("okhttp", method, "inventory");
      this.replayable = replayable;
      answered(status, error);
    }

    @Override
    public boolean client() {
      return true;
    }

    @Override
    public String forLog(boolean withQuery) {
      return "http://inventory/items";
    }

    @Override
    public boolean replayable() {
      return replayable;
    }
  }
}
