package io.kitagent.bootstrap;

/**
 * What a woven method throws when Kit Agent refused to run it (an injected fault, later an open
 * breaker or a spent limit) and its rule's {@code onReject} says nothing else. It lives here, on the
 * boot class path, so that every class loader of the application sees one and the same type.
 */
public class RefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** {@code reason} is the config word of the refusing policy, e.g. {@code fault}. */
  public RefusedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The config word of the policy that refused the call: {@code fault}, later {@code breaker}, ... */
  public String reason() {
    return reason;
  }
}
