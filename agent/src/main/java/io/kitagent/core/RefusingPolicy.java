package io.kitagent.core;

import io.kitagent.config.OnReject;

/**
 * A policy that may refuse a call (a fault, a breaker, a limiter): it answers with its site's
 * {@code onReject}, through one refusal built once.
 */
public abstract class RefusingPolicy implements Policy {

  private final OnReject onReject;
  private final Refusal refusal;

  /** {@code reason} is the word that refuses ({@code fault}, {@code breaker}); {@code detail} says why. */
  protected RefusingPolicy(String reason, String detail, OnReject onReject) {
    this.onReject = onReject;
    this.refusal = new Refusal(reason, detail, onReject);
  }

  /** Woven ready to be refused, even when the policy would refuse nothing yet. */
  @Override
  public final boolean mayRefuse() {
    return true;
  }

  @Override
  public final OnReject onReject() {
    return onReject;
  }

  /** What a call this policy refuses gets. */
  protected final Refusal refusal() {
    return refusal;
  }

  /** Whether this policy is the one that refused {@code call}. */
  protected final boolean refusedHere(Call call) {
    return call.refusal() == refusal;
  }
}
