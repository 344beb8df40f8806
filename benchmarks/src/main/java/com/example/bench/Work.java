package com.example.bench;

/**
 * The same small body five times; the benchmark config weaves four of them with different policies
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
}
