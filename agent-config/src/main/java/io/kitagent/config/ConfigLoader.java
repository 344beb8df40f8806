package io.kitagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads one service's config file: YAML, or JSON when the name ends in {@code .json}. Every problem
 * found is reported at once, each with file, line, column and key path.
 */
public final class ConfigLoader {

  /** A type in a package: simple names would never match, since classes are matched by full name. */
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");

  /** Classes no rule weaves: the JDK's (the agent's own are left alone too). */
  private static final List<String> NEVER_WOVEN = List.of("java.", "jdk.", "sun.", "com.sun.");

  private final Placeholders placeholders;

  private ConfigLoader(Placeholders placeholders) {
    this.placeholders = placeholders;
  }

  /** A loader that takes {@code ${NAME}} from the environment, then system properties. */
  public static ConfigLoader standard() {
    return new ConfigLoader(Placeholders.fromEnvironment());
  }

  /** A loader with its own placeholder source, for tests. */
  public static ConfigLoader withVariables(java.util.Map<String, String> variables) {
    return new ConfigLoader(new Placeholders(variables::get));
  }

  public AgentConfig load(Path file) throws ConfigException {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, 0, 0, "", "file not found")), false);
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, 0, 0, "", "cannot be read: " + e)), false);
    }
    return parse(name, text);
  }

  public AgentConfig parse(String fileName, String text) throws ConfigException {
    Problems problems = new Problems(fileName);
    boolean json = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    Node root = new TreeReader(fileName, placeholders, problems).read(text, json);
    if (root == null) {
      throw new ConfigException(problems.list(), false);
    }
    Fields fields = new Fields(root, "", problems);
    AgentSettings agent = agent(fields.object("agent"));
    String service = fields.requiredString("service", "orders");
    Map<Section<?>, Object> sections = new LinkedHashMap<>();
    for (Section<?> section : Words.SECTIONS) {
      sections.put(section, section.read(fields));
    }
    List<MethodRule> methods = methods(fields);
    fields.done();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.list(), agent.strict());
    }
    return new AgentConfig(fileName, service, agent, sections, methods);
  }

  private static AgentSettings agent(Fields f) {
    boolean enabled = f.bool("enabled", true);
    boolean strict = f.bool("strict", false);
    AdminSettings admin = admin(f.object("admin"));
    f.done();
    return new AgentSettings(enabled, strict, admin);
  }

  /** {@code host:port}; a host other than loopback needs a token, or anyone could read the metrics. */
  private static AdminSettings admin(Fields f) {
    boolean enabled = f.bool("enabled", true);
    String address = f.string("address", AdminSettings.DEFAULT_ADDRESS);
    String token = f.string("token", null);
    f.done();
    int colon = address.lastIndexOf(':');
    String host = colon > 0 ? address.substring(0, colon) : "";
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    if (bracketed) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      host = ""; // IPv6 without brackets: ambiguous, reported below
    }
    int port = -1;
    try {
      port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      // reported below
    }
    if (host.isEmpty() || port < 0 || port > 65_535) {
      f.problems().add(f.node("address"), f.path("address"), "expected host:port such as "
          + AdminSettings.DEFAULT_ADDRESS + " or [::1]:9464 (port 0 picks a free one), got \"" + address + "\"");
      return new AdminSettings(enabled, "127.0.0.1", 9464, token);
    }
    if (token != null && token.isBlank()) {
      f.problems().add(f.node("token"), f.path("token"), "must not be empty");
    } else if (enabled && token == null && !AdminSettings.isLoopback(host)) {
      f.problems().add(f.node("address"), f.path("address"), host + " is not a loopback address: set "
          + "agent.admin.token as well, so that every request must carry Authorization: Bearer <token>");
    }
    return new AdminSettings(enabled, host, port, token);
  }

  private static List<MethodRule> methods(Fields root) {
    List<MethodRule> rules = new ArrayList<>();
    List<Node> items = root.list("methods");
    for (int i = 0; i < items.size(); i++) {
      Fields f = new Fields(items.get(i), root.path("methods") + "[" + i + "]", root.problems());
      if (!(items.get(i) instanceof Node.Mapping)) {
        continue; // Fields reported it: expected a mapping
      }
      MethodSelector selector = selector(f, items.get(i));
      Rule rule = Rule.read(f, RuleKind.METHOD);
      f.done();
      if (selector != null) {
        rules.add(new MethodRule(i, selector, rule));
      }
    }
    return rules;
  }

  private static MethodSelector selector(Fields f, Node at) {
    List<MethodSelector> found = new ArrayList<>();
    String match = f.string("match", null);
    if (match != null) {
      try {
        found.add(new MethodSelector.Match(MethodPattern.parse(match)));
        String excluded = NEVER_WOVEN.stream().filter(match.trim()::startsWith).findFirst().orElse(null);
        if (excluded != null) {
          f.problems().add(f.node("match"), f.path("match"), "classes under " + excluded + "* (the JDK's) "
              + "are never woven, so \"" + match + "\" would match nothing");
        }
      } catch (IllegalArgumentException e) {
        f.problems().add(f.node("match"), f.path("match"), e.getMessage());
      }
    }
    String annotated = typeName(f, "annotated");
    if (annotated != null) {
      found.add(new MethodSelector.Annotated(annotated));
    }
    String implemented = typeName(f, "implements");
    if (implemented != null) {
      found.add(new MethodSelector.Implements(implemented));
    }
    int given = (f.written("match") ? 1 : 0) + (f.written("annotated") ? 1 : 0)
        + (f.written("implements") ? 1 : 0);
    if (given == 1) {
      return found.isEmpty() ? null : found.get(0); // an invalid value was reported above
    }
    String where = f.path("").replaceAll("\\.$", "");
    if (given == 0) {
      f.problems().add(at, where, "needs one of match, annotated or implements");
    } else {
      f.problems().add(at, where, "give only one of match, annotated or implements; split it into "
          + "two entries to use both");
    }
    return null;
  }

  private static String typeName(Fields f, String key) {
    String name = f.string(key, null);
    if (name != null && !TYPE_NAME.matcher(name.trim()).matches()) {
      f.problems().add(f.node(key), f.path(key), "expected a fully qualified type name such as "
          + "com.example.Monitored (nested types with $: com.example.Outer$Api), got \"" + name + "\"");
      return null;
    }
    return name == null ? null : name.trim();
  }
}
