package io.kitagent.logging;

import io.kitagent.config.AgentConfig;
import io.kitagent.config.Fields;
import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import io.kitagent.config.Section;
import io.kitagent.config.RuleKind;
import io.kitagent.config.RuleWord;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config word {@code logging}: the {@code logging:} section, and {@code log:} of a rule
 * ({@code true}, {@code false} or a mapping). A method rule's takes {@code level}, {@code args},
 * {@code result} and {@code redact}; an HTTP rule's {@code level} and {@code query}.
 */
public final class LogConfig {

  public static final String KEY = "log";

  /** {@code log:} of a method rule. */
  public static final RuleWord<LogPolicy> METHOD = RuleWord.of(KEY, kind -> kind == RuleKind.METHOD,
      (rule, kind) -> methodPolicy(rule), LogConfig::describe);

  /** {@code log:} of {@code http.client}, {@code http.server} or a service. */
  public static final RuleWord<HttpLogPolicy> HTTP = RuleWord.of(KEY,
      kind -> kind == RuleKind.HTTP_CLIENT || kind == RuleKind.HTTP_SERVER, (rule, kind) -> httpPolicy(rule),
      LogConfig::describe);

  /** {@code logging:} the global level, the line format and where lines go. */
  public static final Section<LoggingSettings> SECTION = new Section<>() {
    @Override
    public String key() {
      return "logging";
    }

    @Override
    public LoggingSettings read(Fields root) {
      return settings(root.object("logging"));
    }

    @Override
    public Object describe(LoggingSettings logging) {
      return AgentConfig.map("level", logging.level().word(), "format", Fields.word(logging.format()),
          "output", logging.output());
    }
  };

  private LogConfig() {}

  static LoggingSettings settings(Fields f) {
    Level level = f.oneOf("level", Level.class, Level.INFO);
    LogFormat format = f.oneOf("format", LogFormat.class, LogFormat.LOGFMT);
    String output = output(f);
    f.done();
    return new LoggingSettings(level, format, output);
  }

  /** {@code stdout}, {@code stderr} (any case), or a file whose directory exists. */
  private static String output(Fields f) {
    String output = f.string("output", LoggingSettings.STDOUT);
    for (String stream : List.of(LoggingSettings.STDOUT, LoggingSettings.STDERR)) {
      if (output.equalsIgnoreCase(stream)) {
        return stream;
      }
    }
    String problem;
    try {
      Path file = Path.of(output).toAbsolutePath();
      Path parent = file.getParent();
      if (parent == null || Files.isDirectory(file)) {
        problem = "expected stdout, stderr or a file path, got the directory \"" + output + "\"";
      } else if (!Files.isDirectory(parent)) {
        problem = "expected stdout, stderr or a file in an existing directory, but directory "
            + parent + " does not exist";
      } else {
        return output;
      }
    } catch (InvalidPathException e) {
      problem = "expected stdout, stderr or a file path, got \"" + output + "\": " + e.getReason();
    }
    f.problems().add(f.node("output"), f.path("output"), problem);
    return LoggingSettings.STDOUT;
  }


  private static LogPolicy methodPolicy(Fields rule) {
    Fields log = rule.toggleOrSection(KEY);
    if (log == null) {
      return null;
    }
    Level level = log.oneOf("level", Level.class, Level.INFO);
    boolean args = log.bool("args", false);
    boolean result = log.bool("result", false);
    Set<String> redact = new HashSet<>();
    for (String name : log.strings("redact")) {
      redact.add(name.toLowerCase(Locale.ROOT));
    }
    log.done();
    return new LogPolicy(level, args, result, redact);
  }

  private static Object describe(LogPolicy log) {
    return AgentConfig.map("level", log.level().word(), "args", log.args(), "result", log.result(),
        "redact", List.copyOf(new TreeSet<>(log.redact())));
  }

  private static HttpLogPolicy httpPolicy(Fields rule) {
    Fields log = rule.toggleOrSection(KEY);
    if (log == null) {
      return null;
    }
    Level level = log.oneOf("level", Level.class, Level.INFO);
    boolean query = log.bool("query", false);
    log.done();
    return new HttpLogPolicy(level, query);
  }

  private static Object describe(HttpLogPolicy log) {
    return AgentConfig.map("level", log.level().word(), "query", log.query());
  }
}
