package io.kitagent.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kitagent.config.ConfigLoader;
import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodLoggerTest {

  private static final String CLASS = "com.example.orders.OrderService";
  private static final LogPolicy ARGS_AND_RESULT = new LogPolicy(Level.INFO, true, true, Set.of());

  @TempDir
  Path dir;

  private Path file;
  private EventLog log;

  @AfterEach
  void closeLog() {
    if (log != null) {
      log.close();
    }
  }

  private EventLog openLog(Level threshold, LogFormat format) throws IOException {
    file = dir.resolve("events.log");
    log = new EventLog("orders", threshold, format, LineWriter.open(file.toString()));
    return log;
  }

  /** Closes the log, which waits for the writer thread to write every queued line, and reads them. */
  private List<String> writtenLines() throws IOException {
    log.close();
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private Map<String, String> onlyEvent() throws IOException {
    List<String> lines = writtenLines();
    assertEquals(1, lines.size(), "events written: " + lines);
    return Logfmt.parse(lines.get(0));
  }

  private static long startedNow() {
    return System.nanoTime();
  }

  @Test
  void writesOneEventWithTheExpectedFieldsForACallThatReturns() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[] {"item", "quantity"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"book", 2}, "order-17", null);

    Map<String, String> event = onlyEvent();
    assertEquals(List.of("ts", "level", "service", "event", "class", "method", "duration_ms",
        "outcome", "args.item", "args.quantity", "result"), new ArrayList<>(event.keySet()));
    assertTrue(event.get("ts").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
        event.get("ts"));
    assertEquals("info", event.get("level"));
    assertEquals("orders", event.get("service"));
    assertEquals("method", event.get("event"));
    assertEquals(CLASS, event.get("class"));
    assertEquals("placeOrder", event.get("method"));
    assertTrue(event.get("duration_ms").matches("\\d+\\.\\d{3}"), event.get("duration_ms"));
    assertEquals("ok", event.get("outcome"));
    assertEquals("book", event.get("args.item"));
    assertEquals("2", event.get("args.quantity"));
    assertEquals("order-17", event.get("result"));
  }

  @Test
  void measuresTheDurationFromTheStartTime() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[0], LogPolicy.DEFAULT);

    record(logger, System.nanoTime() - 1_500_000_000L, null, null, null);

    double millis = Double.parseDouble(onlyEvent().get("duration_ms"));
    assertTrue(millis >= 1500.0 && millis < 60_000.0, "duration_ms=" + millis);
  }

  @Test
  void writesTheMethodLevelOfThePolicy() throws IOException {
    LogPolicy warn = new LogPolicy(Level.WARN, false, false, Set.of());
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "refund",
        new String[0], warn);

    record(logger, startedNow(), null, null, null);

    assertEquals("warn", onlyEvent().get("level"));
  }

  @Test
  void leavesOutArgumentsAndResultWhenThePolicyDoesNotAskForThem() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[] {"item"}, LogPolicy.DEFAULT);

    record(logger, startedNow(), new Object[] {"book"}, "order-17", null);

    Map<String, String> event = onlyEvent();
    assertFalse(event.containsKey("args.item"), event.toString());
    assertFalse(event.containsKey("result"), event.toString());
    assertFalse(logger.wantsValues());
  }

  @Test
  void wantsValuesWhenThePolicyLogsArgumentsOrResult() throws IOException {
    EventLog events = openLog(Level.INFO, LogFormat.LOGFMT);
    String[] none = new String[0];

    assertTrue(new MethodLogger(events, CLASS, "m", none, new LogPolicy(Level.INFO, true, false, Set.of()))
        .wantsValues());
    assertTrue(new MethodLogger(events, CLASS, "m", none, new LogPolicy(Level.INFO, false, true, Set.of()))
        .wantsValues());
  }

  @Test
  void writesAnErrorEventWithExceptionClassAndMessageForACallThatThrows() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[] {"item"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"book"}, null,
        new IllegalStateException("out of stock: book"));

    Map<String, String> event = onlyEvent();
    assertEquals("error", event.get("level"));
    assertEquals("error", event.get("outcome"));
    assertEquals("java.lang.IllegalStateException", event.get("exception"));
    assertEquals("out of stock: book", event.get("error"));
    assertEquals("book", event.get("args.item"));
    assertFalse(event.containsKey("result"), "a call that throws has no result");
  }

  @Test
  void leavesOutTheErrorFieldWhenTheExceptionHasNoMessage() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[0], LogPolicy.DEFAULT);

    record(logger, startedNow(), null, null, new NullPointerException());

    Map<String, String> event = onlyEvent();
    assertEquals("java.lang.NullPointerException", event.get("exception"));
    assertFalse(event.containsKey("error"), event.toString());
  }

  @Test
  void reportsAGetMessageThatThrowsInsteadOfThrowing() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[0], LogPolicy.DEFAULT);
    RuntimeException broken = new RuntimeException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("no message");
      }
    };

    record(logger, startedNow(), null, null, broken);

    assertEquals("<getMessage failed: java.lang.IllegalStateException>", onlyEvent().get("error"));
  }

  @Test
  void redactsANamedParameterWhateverTheCaseOfItsName() throws IOException {
    LogPolicy policy = new LogPolicy(Level.INFO, true, false, Set.of("password"));
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "login",
        new String[] {"user", "PassWord"}, policy);

    record(logger, startedNow(), new Object[] {"ada", "hunter2"}, null, null);

    Map<String, String> event = onlyEvent();
    assertEquals("ada", event.get("args.user"));
    assertEquals("***", event.get("args.PassWord"));
  }

  @Test
  void redactsParametersListedInAnyCaseInTheConfig() throws Exception {
    LogPolicy policy = ConfigLoader.withVariables(Map.of()).parse("orders.yaml", """
        service: orders
        methods:
          - match: com.example.orders.OrderService#login
            log:
              args: true
              result: true
              redact: [Password, RESULT]
        """).methods().get(0).get(LogConfig.METHOD);
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "login",
        new String[] {"user", "password"}, policy);

    record(logger, startedNow(), new Object[] {"ada", "hunter2"}, "token-123", null);

    String line = writtenLines().get(0);
    assertFalse(line.contains("hunter2"), line);
    assertFalse(line.contains("token-123"), line);
    Map<String, String> event = Logfmt.parse(line);
    assertEquals("***", event.get("args.password"));
    assertEquals("***", event.get("result"));
    assertEquals("ada", event.get("args.user"));
  }

  @Test
  void redactsTheResult() throws IOException {
    LogPolicy policy = new LogPolicy(Level.INFO, false, true, Set.of("result"));
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "issueToken",
        new String[0], policy);

    record(logger, startedNow(), null, "secret-token", null);

    assertEquals("***", onlyEvent().get("result"));
  }

  @Test
  void cutsArgumentsLongerThan256Characters() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "note",
        new String[] {"text"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"a".repeat(300)}, "b".repeat(1000), null);

    Map<String, String> event = onlyEvent();
    assertEquals("a".repeat(256) + "...", event.get("args.text"));
    assertEquals("b".repeat(256) + "...", event.get("result"));
  }

  @Test
  void stillLogsTheCallWhenAnArgumentsToStringThrows() throws IOException {
    Object broken = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[] {"item", "quantity"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {broken, 2}, broken, null);

    Map<String, String> event = onlyEvent();
    assertEquals("ok", event.get("outcome"));
    assertEquals("<toString failed: java.lang.IllegalStateException>", event.get("args.item"));
    assertEquals("2", event.get("args.quantity"));
    assertEquals("<toString failed: java.lang.IllegalStateException>", event.get("result"));
  }

  @Test
  void namesArgumentsBeyondTheKnownParameterNamesByPosition() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "varargs",
        new String[] {"first"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"a", "b"}, null, null);

    Map<String, String> event = onlyEvent();
    assertEquals("a", event.get("args.first"));
    assertEquals("b", event.get("args.arg1"));
  }

  @Test
  void aVoidMethodHasNoResultField() throws IOException {
    EventLog events = openLog(Level.INFO, LogFormat.LOGFMT);
    MethodLogger logger = new MethodLogger(events, CLASS, "cancel", new String[] {"id"}, true, false,
        ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"o-1"}, null, null);

    Map<String, String> event = onlyEvent();
    assertEquals("o-1", event.get("args.id"));
    assertFalse(event.containsKey("result"), event.toString());
  }

  @Test
  void withoutParameterNamesARedactNameThatCannotBePlacedKeepsAllArgumentsOut() throws IOException {
    EventLog events = openLog(Level.INFO, LogFormat.LOGFMT);
    LogPolicy redactPassword = new LogPolicy(Level.INFO, true, false, Set.of("password"));
    MethodLogger logger = new MethodLogger(events, CLASS, "login", new String[] {"arg0", "arg1"}, false, true,
        redactPassword);

    record(logger, startedNow(), new Object[] {"bob", "hunter2"}, null, null);

    Map<String, String> event = onlyEvent();
    assertEquals("ok", event.get("outcome"));
    assertFalse(event.toString().contains("hunter2"), event.toString());
    assertFalse(event.keySet().stream().anyMatch(k -> k.startsWith("args.")), event.toString());
  }

  @Test
  void withoutParameterNamesRedactionByPositionStillWorks() throws IOException {
    EventLog events = openLog(Level.INFO, LogFormat.LOGFMT);
    LogPolicy redactSecond = new LogPolicy(Level.INFO, true, false, Set.of("arg1"));
    MethodLogger logger = new MethodLogger(events, CLASS, "login", new String[] {"arg0", "arg1"}, false, true,
        redactSecond);

    record(logger, startedNow(), new Object[] {"bob", "hunter2"}, null, null);

    Map<String, String> event = onlyEvent();
    assertEquals("bob", event.get("args.arg0"));
    assertEquals("***", event.get("args.arg1"));
  }

  @Test
  void writesBothEventsWhenAnExceptionMessageLogsItself() throws IOException {
    EventLog events = openLog(Level.INFO, LogFormat.LOGFMT);
    MethodLogger inner = new MethodLogger(events, "com.example.Stock", "describe", new String[0],
        LogPolicy.DEFAULT);
    RuntimeException loggingError = new RuntimeException() {
      @Override
      public String getMessage() {
        record(inner, System.nanoTime(), null, null, null);
        return "out of stock";
      }
    };
    MethodLogger outer = new MethodLogger(events, CLASS, "placeOrder", new String[0], LogPolicy.DEFAULT);

    record(outer, startedNow(), null, null, loggingError);

    List<String> lines = writtenLines();
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("describe", Logfmt.parse(lines.get(0)).get("method"));
    Map<String, String> failed = Logfmt.parse(lines.get(1));
    assertEquals("placeOrder", failed.get("method"));
    assertEquals("error", failed.get("outcome"));
    assertEquals("out of stock", failed.get("error"));
  }

  @Test
  void writesBothEventsWhenAnArgumentsToStringLogsItself() throws IOException {
    EventLog events = openLog(Level.INFO, LogFormat.LOGFMT);
    MethodLogger inner = new MethodLogger(events, "com.example.Item", "describe", new String[0],
        LogPolicy.DEFAULT);
    Object loggingItem = new Object() {
      @Override
      public String toString() {
        record(inner, System.nanoTime(), null, null, null);
        return "book";
      }
    };
    MethodLogger outer = new MethodLogger(events, CLASS, "placeOrder", new String[] {"item"},
        ARGS_AND_RESULT);

    record(outer, startedNow(), new Object[] {loggingItem}, null, null);

    List<String> lines = writtenLines();
    assertEquals(2, lines.size(), lines.toString());
    Map<String, String> first = Logfmt.parse(lines.get(0));
    Map<String, String> second = Logfmt.parse(lines.get(1));
    assertEquals("describe", first.get("method"));
    assertEquals("placeOrder", second.get("method"));
    assertEquals("book", second.get("args.item"));
  }

  @Test
  void aGlobalLevelOfWarnFiltersOutInfoEventsButKeepsErrors() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.WARN, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[0], LogPolicy.DEFAULT);

    record(logger, startedNow(), null, "filtered", null);
    record(logger, startedNow(), null, null, new IllegalStateException("kept"));

    Map<String, String> event = onlyEvent();
    assertEquals("error", event.get("level"));
    assertEquals("kept", event.get("error"));
  }

  @Test
  void aGlobalLevelOfInfoFiltersOutDebugEvents() throws IOException {
    LogPolicy debug = new LogPolicy(Level.DEBUG, false, false, Set.of());
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.LOGFMT), CLASS, "placeOrder",
        new String[0], debug);

    record(logger, startedNow(), null, null, null);

    assertEquals(List.of(), writtenLines());
  }

  @Test
  void writesParseableJsonWithTheArgumentsAsANestedObject() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.JSON), CLASS, "placeOrder",
        new String[] {"item", "note"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"book", "gift \"wrap\"\nplease"}, 17, null);

    List<String> lines = writtenLines();
    assertEquals(1, lines.size(), lines.toString());
    JsonNode event = new ObjectMapper().readTree(lines.get(0));
    assertEquals("info", event.get("level").textValue());
    assertEquals("orders", event.get("service").textValue());
    assertEquals("placeOrder", event.get("method").textValue());
    assertTrue(event.get("duration_ms").isNumber());
    assertEquals("ok", event.get("outcome").textValue());
    assertTrue(event.get("args").isObject());
    assertEquals("book", event.at("/args/item").textValue());
    assertEquals("gift \"wrap\"\nplease", event.at("/args/note").textValue());
    assertEquals("17", event.get("result").textValue());
  }

  @Test
  void writesParseableJsonForACallThatThrows() throws IOException {
    MethodLogger logger = new MethodLogger(openLog(Level.INFO, LogFormat.JSON), CLASS, "placeOrder",
        new String[] {"item"}, ARGS_AND_RESULT);

    record(logger, startedNow(), new Object[] {"book"}, null, new IllegalArgumentException("bad\titem"));

    JsonNode event = new ObjectMapper().readTree(writtenLines().get(0));
    assertEquals("error", event.get("level").textValue());
    assertEquals("java.lang.IllegalArgumentException", event.get("exception").textValue());
    assertEquals("bad\titem", event.get("error").textValue());
    assertFalse(event.has("result"));
  }

  @Test
  void formatsMillisecondsWithThreeDecimals() {
    assertEquals("12.034", MethodLogger.millis(12_034_567L).toString());
    assertEquals("0.005", MethodLogger.millis(5_000L).toString());
    assertEquals("1.200", MethodLogger.millis(1_200_000L).toString());
    assertEquals("0.000", MethodLogger.millis(-42L).toString());
  }

  /** A small logfmt reader for the assertions: keys in line order, quoted values unescaped. */
  static final class Logfmt {

    static Map<String, String> parse(String line) {
      Map<String, String> fields = new LinkedHashMap<>();
      int i = 0;
      while (i < line.length()) {
        int equals = line.indexOf('=', i);
        String key = line.substring(i, equals);
        StringBuilder value = new StringBuilder();
        i = equals + 1;
        if (i < line.length() && line.charAt(i) == '"') {
          i++;
          while (line.charAt(i) != '"') {
            char c = line.charAt(i++);
            if (c == '\\') {
              char escaped = line.charAt(i++);
              switch (escaped) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                  value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                  i += 4;
                }
                default -> value.append(escaped);
              }
            } else {
              value.append(c);
            }
          }
          i++;
        } else {
          while (i < line.length() && line.charAt(i) != ' ') {
            value.append(line.charAt(i++));
          }
        }
        fields.put(key, value.toString());
        i++; // the space between fields
      }
      return fields;
    }
  }

  /** Logs a call that started at {@code startNanos} and has just ended, as the chain would. */
  private static void record(MethodLogger logger, long startNanos, Object[] args, Object result, Throwable error) {
    logger.log(System.nanoTime() - startNanos, args, result, error);
  }
}
