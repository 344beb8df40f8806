package io.kitagent.breaker;

import io.kitagent.config.OnReject;
import io.kitagent.config.StatusSet;
import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.RefusingPolicy;
import io.kitagent.core.Refusal;

/**
 * Circuit breakers around outgoing HTTP requests. A response whose status is in {@code failureStatus}
 * counts as a failure, and so does a request that got no response (a connection error, a timeout);
 * a request refused by a policy inside this one never left, so it gives its permission back
 * uncounted. Which breaker guards a request is the subclass's choice: one for the service, one per
 * host, or one per instance with the request moved off an open instance.
 */
abstract class HttpBreakerPolicy extends RefusingPolicy {

  /** What a failure status is recorded as: Resilience4j wants a throwable; one, without a stack. */
  static final Throwable FAILURE_STATUS = new Throwable("failure status", null, false, false) {};

  private final StatusSet failureStatus;

  HttpBreakerPolicy(String detail, Breaker config, OnReject onReject) {
    super(Breaker.KEY, detail, onReject);
    this.failureStatus = config.failureStatus() == null ? Breaker.DEFAULT_FAILURE_STATUS : config.failureStatus();
  }

  /** Slow calls count against the breaker, so it needs every call's duration. */
  @Override
  public final boolean timed() {
    return true;
  }

  @Override
  public final Refusal before(Call call) {
    return admit((Exchange) call) ? null : refusal();
  }

  /** Takes a permission for the exchange from the breaker that guards it, or says no. */
  abstract boolean admit(Exchange exchange);

  /** The breaker that gave the call its permission. */
  abstract MeteredBreaker guarding(Call call);

  @Override
  public final void after(Call call) {
    if (refusedHere(call)) {
      return;
    }
    MeteredBreaker breaker = guarding(call);
    long nanos = call.nanos();
    switch (call.outcome()) {
      case RETURNED -> {
        if (failureStatus.contains(call.status())) {
          breaker.failed(nanos, FAILURE_STATUS);
        } else {
          breaker.succeeded(nanos);
        }
      }
      case THREW -> {
        if (call.error() == Exchange.ABANDONED) {
          breaker.released(nanos, false); // dropped by the application: says nothing of the downstream
        } else {
          breaker.failed(nanos, call.error() == null ? FAILURE_STATUS : call.error());
        }
      }
      default -> breaker.released(nanos, false); // refused inside: it never left
    }
    ended(call);
  }

  /** After the breaker has recorded the call: for what the subclass keeps of it. */
  void ended(Call call) {}

  /** One breaker for every request of a service. */
  static final class OneBreaker extends HttpBreakerPolicy {
    private final MeteredBreaker breaker;

    OneBreaker(MeteredBreaker breaker, Breaker config, OnReject onReject) {
      super("circuit breaker " + breaker.breaker().getName() + " does not permit the call", config, onReject);
      this.breaker = breaker;
    }

    @Override
    boolean admit(Exchange exchange) {
      return breaker.tryAcquire();
    }

    @Override
    MeteredBreaker guarding(Call call) {
      return breaker;
    }
  }

  /** Breakers chosen per request ({@code http.client}'s per host, a service's per instance), kept on the call. */
  abstract static class ChosenBreaker extends HttpBreakerPolicy {
    ChosenBreaker(String detail, Breaker config, OnReject onReject) {
      super(detail, config, onReject);
    }

    @Override
    final MeteredBreaker guarding(Call call) {
      return (MeteredBreaker) call.kept();
    }
  }
}
