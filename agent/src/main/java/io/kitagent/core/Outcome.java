package io.kitagent.core;

/** How a call ended, as its policies' after steps see it. */
public enum Outcome {
  /** Still running: no after step has seen it yet. */
  PENDING,
  /** The method returned, or the HTTP exchange got a response (whatever its status). */
  RETURNED,
  /** The method threw, or the HTTP exchange failed without a response. */
  THREW,
  /** A policy refused the call and answered in its place; the method or request never ran. */
  REFUSED
}
