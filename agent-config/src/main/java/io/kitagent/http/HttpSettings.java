package io.kitagent.http;

import io.kitagent.config.Rule;

/**
 * {@code http:} of a config: the rules for every outgoing ({@code client}) and incoming
 * ({@code server}) request. A side that is null is not woven at all.
 */
public record HttpSettings(Rule client, Rule server) {

  public static final HttpSettings OFF = new HttpSettings(null, null);

  public boolean enabled() {
    return client != null || server != null;
  }
}
