package io.kitagent.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.config.OnReject;
import io.kitagent.config.RuleKind;
import io.kitagent.core.Calls;
import io.kitagent.core.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultPolicyTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Counter aborts = registry.counter("aborts");
  private final Counter delays = registry.counter("delays");

  private FaultPolicy policy(double abortPercent, double delayPercent, Duration delay) {
    return new FaultPolicy("com.example.Test#call", new Fault(abortPercent, delayPercent, delay, null),
        OnReject.defaultFor(RuleKind.METHOD), aborts, delays, null);
  }

  @Test
  void atZeroPercentEveryCallGoesOnAndNothingIsCounted() {
    FaultPolicy none = policy(0, 0, null);
    for (int i = 0; i < 1000; i++) {
      assertNull(none.before(Calls.starting()));
    }
    assertEquals(0, aborts.count());
    assertTrue(none.mayRefuse(), "woven ready to refuse, so that a new percentage needs no new weaving");
  }

  @Test
  void atHundredPercentEveryCallIsRefusedWithTheSameAnswer() {
    FaultPolicy all = policy(100, 0, null);
    Refusal first = all.before(Calls.starting());
    assertNotNull(first);
    assertEquals("fault", first.reason());
    assertSame(first, all.before(Calls.starting()), "a refusal is built once");
    assertSame(all.onReject(), first.answer());
    assertEquals(2, aborts.count());
  }

  @Test
  void aFractionalPercentageAbortsAboutThatShare() {
    FaultPolicy some = policy(2.5, 0, null);
    int refused = 0;
    for (int i = 0; i < 40_000; i++) {
      refused += some.before(Calls.starting()) == null ? 0 : 1;
    }
    assertTrue(refused > 800 && refused < 1200, refused + " of 40000 at 2.5 %");
    assertEquals(refused, aborts.count());
  }

  @Test
  void aDelaySleepsBeforeTheCallGoesOn() {
    FaultPolicy slow = policy(0, 100, Duration.ofMillis(50));
    long start = System.nanoTime();
    assertNull(slow.before(Calls.starting()));
    assertTrue(System.nanoTime() - start >= 50_000_000L);
    assertEquals(1, delays.count());
  }

  @Test
  void anInterruptEndsADelayAndStaysSet() {
    FaultPolicy slow = policy(0, 100, Duration.ofSeconds(30));
    Thread.currentThread().interrupt();
    long start = System.nanoTime();
    slow.before(Calls.starting());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
    assertTrue(Thread.interrupted(), "the application still sees its interrupt");
  }
}
