package io.kitagent.it.harness;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** The agent's {@code /metrics}, read back, and counters compared between two scrapes. */
public final class AdminMetrics {

  private AdminMetrics() {}

  public static PrometheusText scrape(int adminPort) {
    return PrometheusText.parse(Http.get(adminPort, "/metrics").body());
  }

  /** Scrapes until the condition holds: meters appear as requests complete. */
  public static PrometheusText scrapeUntil(int adminPort, Predicate<PrometheusText> condition) {
    long deadline = System.nanoTime() + RunningApp.DEFAULT_WAIT.toNanos();
    while (true) {
      PrometheusText text = scrape(adminPort);
      if (condition.test(text)) {
        return text;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never held; last scrape:\n" + text.samples());
      }
      LockSupport.parkNanos(50_000_000L); // between polls of the endpoint, not instead of a condition
    }
  }

  /** The sum of the matching samples; 0 when there is none (a series not created yet). */
  public static double sum(PrometheusText text, String name, String... labelPairs) {
    return text.find(name, labelPairs).stream().mapToDouble(PrometheusText.Sample::value).sum();
  }

  /** How much the matching samples grew from {@code before} to {@code after}. */
  public static double growth(PrometheusText before, PrometheusText after, String name, String... labelPairs) {
    return sum(after, name, labelPairs) - sum(before, name, labelPairs);
  }

  /** Label pairs shared by several series, followed by those of one. */
  public static String[] labels(String[] shared, String... more) {
    String[] all = java.util.Arrays.copyOf(shared, shared.length + more.length);
    System.arraycopy(more, 0, all, shared.length, more.length);
    return all;
  }
}
