package io.kitagent.breaker;

import io.kitagent.config.OnReject;
import io.kitagent.core.Call;
import io.kitagent.core.ExceptionNames;
import io.kitagent.core.RefusingPolicy;
import io.kitagent.core.Refusal;
import java.util.List;

/**
 * A circuit breaker around the calls of one woven method. A call it does not let through is refused
 * with the site's {@code onReject} answer. Whether a call that threw counts as a failure follows
 * Resilience4j's {@code recordExceptions} and {@code ignoreExceptions}, matched by class name up the
 * exception's class hierarchy (the classes are the application's, never loaded by the agent). A call
 * refused by a policy inside this one never ran, so it gives its permission back uncounted.
 */
class BreakerPolicy extends RefusingPolicy {

  private final MeteredBreaker breaker;
  private final List<String> recordExceptions;
  private final List<String> ignoreExceptions;

  BreakerPolicy(MeteredBreaker breaker, Breaker config, OnReject onReject) {
    super(Breaker.KEY, "circuit breaker " + breaker.breaker().getName() + " does not permit the call", onReject);
    this.breaker = breaker;
    this.recordExceptions = config.recordExceptions();
    this.ignoreExceptions = config.ignoreExceptions();
  }

  /** Slow calls count against the breaker, so it needs every call's duration. */
  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public Refusal before(Call call) {
    return breaker.tryAcquire() ? null : refusal();
  }

  @Override
  public void after(Call call) {
    if (refusedHere(call)) {
      return;
    }
    long nanos = call.nanos();
    switch (call.outcome()) {
      case RETURNED -> breaker.succeeded(nanos);
      case THREW -> threw(nanos, call.error());
      default -> breaker.released(nanos, false); // refused inside: it never ran
    }
  }

  private void threw(long nanos, Throwable error) {
    if (ExceptionNames.matches(error, ignoreExceptions)) {
      breaker.released(nanos, true);
    } else if (recordExceptions.isEmpty() || ExceptionNames.matches(error, recordExceptions)) {
      breaker.failed(nanos, error);
    } else {
      breaker.succeeded(nanos);
    }
  }
}
