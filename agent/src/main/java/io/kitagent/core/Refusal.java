package io.kitagent.core;

/**
 * A policy's decision not to let a call run: which policy ({@code reason}, its config word such as
 * {@code fault}) and what the caller gets instead ({@code answer}, as the rule's {@code onReject}
 * says). Immutable, so a policy builds its refusals once and hands them out on every refused call.
 */
public record Refusal(String reason, String detail, Object answer) {

  /** The text a refused caller finds in the exception's message or the response. */
  public String describe() {
    return detail == null ? "refused by kit-agent " + reason : "refused by kit-agent " + reason + ": " + detail;
  }
}
