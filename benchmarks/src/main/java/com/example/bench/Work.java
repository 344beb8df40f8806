package com.example.bench;

/**
 * The same small body several times; the benchmark config weaves all but one with different policies
 * and leaves {@link #plain} alone, so each difference is the agent's cost.
 */
public final class Work {

  private int state = 17;

  public int plain(int x) {
    state = state * 31 + x;
    return state;
  }

  public int metered(int x) {
    state = state * 31 + x;
    return state;
  }

  public int loggedBelowLevel(int x) {
    state = state * 31 + x;
    return state;
  }

  public int meteredAndLoggedBelowLevel(int x) {
    state = state * 31 + x;
    return state;
  }

  public int meteredWithFaultAtZero(int x) {
    state = state * 31 + x;
    return state;
  }

  public int guardedByBreaker(int x) {
    state = state * 31 + x;
    return state;
  }

  public int guardedByBreakerAndLimiter(int x) {
    state = state * 31 + x;
    return state;
  }

  public int meteredAndGuardedByBreakerAndLimiter(int x) {
    state = state * 31 + x;
    return state;
  }
}
