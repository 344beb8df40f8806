package io.kitagent.config;

/** Where a rule sits; a rule's words and the shape of its {@code onReject} depend on it. */
public enum RuleKind {
  /** An entry of {@code methods:}. */
  METHOD,
  /** {@code http.client}: every outgoing request without a {@code services} entry of its own. */
  HTTP_CLIENT,
  /** {@code http.server}: every incoming request. */
  HTTP_SERVER,
  /** {@code services.<name>}: every outgoing request to that downstream. */
  SERVICE;

  /** Whether the rule is about outgoing HTTP requests. */
  public boolean client() {
    return this == HTTP_CLIENT || this == SERVICE;
  }

  public boolean http() {
    return this != METHOD;
  }
}
