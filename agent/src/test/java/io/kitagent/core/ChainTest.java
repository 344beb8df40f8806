package io.kitagent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTest {

  private final List<String> steps = new ArrayList<>();
  private final List<String> reports = new ArrayList<>();

  private Chain chain(Policy... policies) {
    return Chain.of("com.example.Test#call", List.of(policies), reports::add);
  }

  private static MethodCall call() {
    return Calls.starting();
  }

  @Test
  void beforeStepsRunOutermostFirstAndAfterStepsInReverse() {
    Chain chain = chain(new Recording("outer"), new Recording("middle"), new Recording("inner"));
    MethodCall call = call();

    assertTrue(chain.before(call));
    call.returned(null, "ok");
    chain.after(call);

    assertEquals(List.of("outer.before", "middle.before", "inner.before",
        "inner.after", "middle.after", "outer.after"), steps);
  }

  @Test
  void aRefusalStopsTheChainAndThePoliciesInsideHearOfItAsSkipped() {
    Refusal no = new Refusal("fault", "abort", null);
    Chain chain = chain(new Recording("outer"), new Recording("refusing", no), new Recording("inner"));
    MethodCall call = call();

    assertFalse(chain.before(call));
    assertSame(no, call.refusal());
    call.returned(null, null);
    chain.after(call);

    assertEquals(Outcome.REFUSED, call.outcome());
    assertEquals(List.of("outer.before", "refusing.before",
        "inner.skipped", "refusing.after", "outer.after"), steps);
  }

  @Test
  void aPolicyThatThrowsIsReportedOnceAndTheCallGoesOnAsIfItWereAbsent() {
    Chain chain = chain(new Recording("outer"), new Throwing(), new Recording("inner"));
    for (int i = 0; i < 3; i++) {
      MethodCall call = call();
      assertTrue(chain.before(call), "the throwing policy refuses nothing");
      call.returned(null, "ok");
      chain.after(call);
    }

    assertEquals(List.of("outer.before", "inner.before", "inner.after", "outer.after"), steps.subList(0, 4));
    assertEquals(12, steps.size(), "the throwing policy's after never ran, since its before failed");
    assertEquals(1, reports.size(), reports::toString);
    assertTrue(reports.get(0).contains("Throwing of com.example.Test#call failed in its before step"), reports.get(0));
  }

  @Test
  void anAfterStepThatThrowsLeavesTheOthersToRun() {
    Chain chain = chain(new Recording("outer"), new ThrowingAfter(), new Recording("inner"));
    MethodCall call = call();

    chain.before(call);
    call.returned(null, "ok");
    chain.after(call);

    assertEquals(List.of("outer.before", "inner.before", "inner.after", "outer.after"), steps);
  }

  @Test
  void theApplicationsOwnErrorsUnderAPolicyAreNotReported() {
    Chain chain = chain(new Overflowing(), new Recording("inner"));
    MethodCall call = call();
    assertTrue(chain.before(call));
    chain.after(call);

    assertEquals(List.of("inner.before", "inner.after"), steps);
    assertEquals(List.of(), reports);
  }

  @Test
  void eachAfterStepRunsOncePerCallEvenIfTheChainIsAskedTwice() {
    Chain chain = chain(new Recording("only"));
    MethodCall call = call();

    chain.before(call);
    chain.after(call);
    chain.after(call);

    assertEquals(List.of("only.before", "only.after"), steps);
  }

  @Test
  void aTimedChainMeasuresFromBeforeItsFirstPolicy() {
    Chain chain = chain(new Sleeping(), new Timed());
    MethodCall call = call();

    chain.before(call);
    chain.after(call);

    assertTrue(call.nanos() >= 20_000_000L, "the delay inside the chain is part of the call: " + call.nanos());
  }

  @Test
  void anUntimedChainLeavesTheDurationUnknown() {
    MethodCall call = call();
    Chain chain = chain(new Recording("only"));

    chain.before(call);
    chain.after(call);

    assertEquals(-1, call.nanos());
  }

  @Test
  void aPolicyKeepsStateFromItsBeforeToItsAfter() {
    Keeping first = new Keeping("first");
    Keeping second = new Keeping("second");
    Chain chain = chain(first, second);
    MethodCall call = call();

    chain.before(call);
    chain.after(call);

    assertEquals("first", first.seen);
    assertEquals("second", second.seen);
  }

  @Test
  void aRetryEndsTheAttemptForThePoliciesInsideItAndBeginsTheNextWhileThoseOutsideSeeOneCall() {
    Chain chain = chain(new Recording("outer"), new Retrying(2), new Recording("inner"));
    MethodCall call = call();

    assertTrue(chain.before(call));
    call.threw(null, new IllegalStateException("first"));
    assertTrue(chain.retry(call), "a second attempt");
    assertEquals(2, call.attempt());
    assertEquals(Outcome.PENDING, call.outcome());
    call.threw(null, new IllegalStateException("second"));
    assertFalse(chain.retry(call), "two attempts at most");
    chain.after(call);

    assertEquals(List.of("outer.before", "retry.before", "inner.before", "retry.wait", "inner.after",
        "inner.before", "inner.after", "retry.after", "outer.after"), steps);
  }

  @Test
  void aPolicyInsideTheRetryThatRefusesTheNextAttemptEndsTheCallRefused() {
    Refusal open = new Refusal("breaker", "open", null);
    RefusingLater breaker = new RefusingLater(open);
    Chain chain = chain(new Retrying(5), breaker, new Recording("inner"));
    MethodCall call = call();

    assertTrue(chain.before(call));
    call.threw(null, new IllegalStateException("first"));
    breaker.refuseNow = true;
    assertFalse(chain.retry(call), "the breaker refused the second attempt");
    assertSame(open, call.refusal());
    call.threw(null, new IllegalStateException("answer"));
    chain.after(call);

    assertEquals(Outcome.REFUSED, call.outcome());
    assertEquals(List.of("retry.before", "breaker.before", "inner.before", "retry.wait", "inner.after",
        "breaker.after", "breaker.before", "inner.skipped", "breaker.after", "retry.after"), steps);
  }

  /** Retries every failed attempt at once, up to {@code max} attempts. */
  private final class Retrying implements Policy {
    private final int max;

    Retrying(int max) {
      this.max = max;
    }

    @Override
    public boolean retries() {
      return true;
    }

    @Override
    public boolean hasBefore() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      steps.add("retry.before");
      return null;
    }

    @Override
    public long retryWait(Call call) {
      if (call.attempt() >= max) {
        return -1;
      }
      steps.add("retry.wait");
      return 0;
    }

    @Override
    public void after(Call call) {
      steps.add("retry.after");
    }
  }

  private final class RefusingLater implements Policy {
    private final Refusal refusal;
    boolean refuseNow;

    RefusingLater(Refusal refusal) {
      this.refusal = refusal;
    }

    @Override
    public boolean mayRefuse() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      steps.add("breaker.before");
      return refuseNow ? refusal : null;
    }

    @Override
    public void after(Call call) {
      steps.add("breaker.after");
    }
  }

  private final class Recording implements Policy {
    private final String name;
    private final Refusal refusal;

    Recording(String name) {
      this(name, null);
    }

    Recording(String name, Refusal refusal) {
      this.name = name;
      this.refusal = refusal;
    }

    @Override
    public boolean hasBefore() {
      return true;
    }

    @Override
    public boolean mayRefuse() {
      return refusal != null;
    }

    @Override
    public Refusal before(Call call) {
      steps.add(name + ".before");
      return refusal;
    }

    @Override
    public void after(Call call) {
      steps.add(name + ".after");
    }

    @Override
    public void skipped(Call call) {
      steps.add(name + ".skipped");
    }
  }

  private static final class Throwing implements Policy {
    @Override
    public boolean hasBefore() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      throw new IllegalStateException("a bug in a policy");
    }

    @Override
    public void after(Call call) {
      throw new AssertionError("must not run: its before failed");
    }
  }

  private static final class ThrowingAfter implements Policy {
    @Override
    public void after(Call call) {
      throw new IllegalStateException("a bug in a policy");
    }
  }

  private static final class Overflowing implements Policy {
    @Override
    public boolean hasBefore() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      throw new StackOverflowError();
    }
  }

  private static final class Sleeping implements Policy {
    @Override
    public boolean hasBefore() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  private static final class Timed implements Policy {
    @Override
    public boolean timed() {
      return true;
    }
  }

  private static final class Keeping implements Policy {
    private final String state;
    private Object seen;

    Keeping(String state) {
      this.state = state;
    }

    @Override
    public boolean hasBefore() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      call.keep(state);
      return null;
    }

    @Override
    public void after(Call call) {
      seen = call.kept();
    }
  }
}
