package io.kitagent.logging;

import io.kitagent.config.Level;
import io.kitagent.core.Call;
import io.kitagent.core.Exchange;
import io.kitagent.core.HttpOutcome;
import io.kitagent.core.Policy;

/**
 * The logging policy of one side of HTTP: one event per request, in the format of the method events:
 * {@code event=http.client} or {@code http.server}, the library, method, URL or path, status, outcome
 * and duration. A request that failed is logged at {@code error}, a 5xx answer at {@code warn}, others
 * at the policy's level; a refused one at the policy's level too (the config asked for it), with
 * {@code outcome=REFUSED} and the refusing policy's word as {@code reason}.
 */
public final class HttpLogger implements Policy {

  private final EventLog log;
  private final HttpLogPolicy policy;
  private final boolean okEnabled;
  private final boolean warnEnabled;
  private final boolean errorEnabled;

  public HttpLogger(EventLog log, HttpLogPolicy policy) {
    this.log = log;
    this.policy = policy;
    this.okEnabled = log.enabled(policy.level());
    this.warnEnabled = log.enabled(Level.WARN);
    this.errorEnabled = log.enabled(Level.ERROR);
  }

  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public void after(Call call) {
    log((Exchange) call);
  }

  @Override
  public void skipped(Call call) {
    log((Exchange) call);
  }

  private void log(Exchange exchange) {
    int status = exchange.status();
    Throwable error = exchange.error();
    // A refusal the config asked for is not the application's failure: the policy's level.
    Level level = exchange.refused() ? (okEnabled ? policy.level() : null) : level(status, error);
    if (level == null) {
      return;
    }
    EventLine line = log.begin(level)
        .string("event", exchange.client() ? "http.client" : "http.server")
        .string("library", exchange.library())
        .string("method", exchange.method());
    if (exchange.client()) {
      line.string("url", exchange.forLog(policy.query())).string("host", exchange.key());
      String instance = exchange.instance();
      if (instance != null) {
        line.string("instance", instance); // the logical URL was sent to this instance
      }
    } else {
      line.string("path", exchange.forLog(policy.query())).string("route", exchange.key());
    }
    if (status > 0) {
      line.number("status", Integer.toString(status));
    }
    line.string("outcome", HttpOutcome.of(exchange));
    if (exchange.refused()) {
      line.string("reason", exchange.refusal().reason());
    }
    line.number("duration_ms", MethodLogger.millis(exchange.nanos()));
    if (error != null) {
      line.string("exception", error.getClass().getName());
      String message = ValueText.message(error);
      if (message != null) {
        line.string("error", message);
      }
    }
    log.write(line);
  }

  private Level level(int status, Throwable error) {
    if (error != null) {
      return errorEnabled ? Level.ERROR : null;
    }
    if (status >= 500) {
      return warnEnabled ? Level.WARN : null;
    }
    return okEnabled ? policy.level() : null;
  }

}
