package io.kitagent.logging;

import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import java.io.IOException;

/**
 * The structured event log of one service: the global level filter, the line format, and the
 * writer. Every event starts with {@code ts}, {@code level} and {@code service}.
 */
public final class EventLog implements AutoCloseable {

  private final String service;
  private final Level threshold;
  private final LineWriter writer;
  private final ThreadLocal<EventLine> lines;

  EventLog(String service, Level threshold, LogFormat format, LineWriter writer) {
    this.service = service;
    this.threshold = threshold;
    this.writer = writer;
    this.lines = ThreadLocal.withInitial(() -> EventLine.of(format));
  }

  public static EventLog open(String service, LoggingSettings settings) throws IOException {
    return new EventLog(service, settings.level(), settings.format(), LineWriter.open(settings.output()));
  }

  public boolean enabled(Level level) {
    return level.ordinal() >= threshold.ordinal();
  }

  /** Starts an event on this thread's line; finish it with {@link #write}. */
  public EventLine begin(Level level) {
    return lines.get().begin()
        .string("ts", Timestamps.iso(System.currentTimeMillis()))
        .string("level", level.word())
        .string("service", service);
  }

  public void write(EventLine line) {
    writer.write(line.end());
  }

  public LineWriter writer() {
    return writer;
  }

  @Override
  public void close() {
    writer.close();
  }
}
