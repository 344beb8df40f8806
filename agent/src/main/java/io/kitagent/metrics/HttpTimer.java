package io.kitagent.metrics;

import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.Policy;

/**
 * The metrics policy of one side of HTTP: {@code http.client.requests} or {@code http.server.requests},
 * with the timers of {@link RequestTimers}. A refused exchange is recorded too, as {@code REFUSED}.
 */
final class HttpTimer implements Policy {

  private final RequestTimers timers;

  HttpTimer(RequestTimers timers) {
    this.timers = timers;
  }

  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public void after(Call call) {
    record((Exchange) call);
  }

  @Override
  public void skipped(Call call) {
    record((Exchange) call);
  }

  private void record(Exchange exchange) {
    timers.record(exchange.key(), exchange.method(), exchange.status(), exchange.error(), exchange.refused(),
        Math.max(0, exchange.nanos()));
  }
}
