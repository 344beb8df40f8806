package io.kitagent.config;

/**
 * {@code agent.admin:} — the agent's HTTP endpoint ({@code /metrics}, {@code /health}). {@code token}
 * is null when none is set; a non-loopback address requires one.
 */
public record AdminSettings(boolean enabled, String host, int port, String token) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:9464";

  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** Loopback by its written form only: names other than localhost are not resolved here. */
  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
