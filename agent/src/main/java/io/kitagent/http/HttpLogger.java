package io.kitagent.http;

import io.kitagent.logging.HttpLogPolicy;
import io.kitagent.config.Level;
import io.kitagent.logging.EventLine;
import io.kitagent.logging.EventLog;
import io.kitagent.logging.MethodLogger;
import io.kitagent.logging.ValueText;

/**
 * One event per request, in the format of the method events: {@code event=http.client} or
 * {@code http.server}, the library, method, URL or path, status, outcome and duration. A request that
 * failed is logged at {@code error}, a 5xx answer at {@code warn}, others at the policy's level.
 */
final class HttpLogger {

  private final EventLog log;
  private final HttpLogPolicy policy;
  private final boolean okEnabled;
  private final boolean warnEnabled;
  private final boolean errorEnabled;

  HttpLogger(EventLog log, HttpLogPolicy policy) {
    this.log = log;
    this.policy = policy;
    this.okEnabled = log.enabled(policy.level());
    this.warnEnabled = log.enabled(Level.WARN);
    this.errorEnabled = log.enabled(Level.ERROR);
  }

  /** The URL is {@code url + path}, made text only here, for an event that is written. */
  void client(int library, String method, Object url, String path, String host, int status,
      Throwable error, long nanos) {
    Level level = level(status, error);
    if (level == null) {
      return;
    }
    String text = path == null ? String.valueOf(url) : url + path;
    EventLine line = begin(level, "http.client", library, method)
        .string("url", Urls.forLog(text, policy.query()))
        .string("host", host);
    end(line, status, error, nanos);
  }

  void server(int library, String method, String path, String query, String route, int status,
      Throwable error, long nanos) {
    Level level = level(status, error);
    if (level == null) {
      return;
    }
    EventLine line = begin(level, "http.server", library, method)
        .string("path", Urls.pathForLog(path, query, policy.query()))
        .string("route", route);
    end(line, status, error, nanos);
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

  private EventLine begin(Level level, String event, int library, String method) {
    return log.begin(level)
        .string("event", event)
        .string("library", HttpRuntime.library(library))
        .string("method", method);
  }

  private void end(EventLine line, int status, Throwable error, long nanos) {
    if (status > 0) {
      line.number("status", Integer.toString(status));
    }
    line.string("outcome", Outcome.of(status))
        .number("duration_ms", MethodLogger.millis(nanos));
    if (error != null) {
      line.string("exception", error.getClass().getName());
      String message = message(error);
      if (message != null) {
        line.string("error", message);
      }
    }
    log.write(line);
  }

  private static String message(Throwable error) {
    try {
      String message = error.getMessage();
      return message == null ? null : ValueText.of(message);
    } catch (Throwable t) {
      return "<getMessage failed: " + t.getClass().getName() + ">";
    }
  }
}
