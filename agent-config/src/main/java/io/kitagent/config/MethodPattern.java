package io.kitagent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code match:} syntax: {@code <class>#<method>} with an optional {@code (<parameter types>)}.
 * In the class, {@code *} matches within one package segment or name and {@code **} any number of
 * segments; in the method name, {@code *} matches any run of characters. Nested classes are written
 * with {@code $}. Parameter types are fully qualified, or simple names ({@code String},
 * {@code List}, {@code int}) that match a type of that simple name in any package; {@code ()} means
 * no parameters, no list means any.
 */
public record MethodPattern(String text, Pattern classRegex, Pattern methodRegex, List<String> parameters) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_$*]+");
  private static final Pattern TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\[])*");
  private static final String EXAMPLE = "for example com.example.orders.OrderService#placeOrder";

  /** Parses a pattern; the exception's message says what is wrong, for the config error. */
  public static MethodPattern parse(String text) {
    String s = text.trim();
    int hash = s.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("expected <class>#<method>, " + EXAMPLE + ", got \"" + text + "\"");
    }
    String type = s.substring(0, hash);
    String rest = s.substring(hash + 1);
    List<String> parameters = null;
    int paren = rest.indexOf('(');
    if (paren >= 0) {
      if (!rest.endsWith(")")) {
        throw new IllegalArgumentException("parameter list must end with \")\", got \"" + text + "\"");
      }
      parameters = parameters(rest.substring(paren + 1, rest.length() - 1), text);
      rest = rest.substring(0, paren);
    }
    return new MethodPattern(s, classRegex(type, text), methodRegex(rest.trim(), text), parameters);
  }

  public boolean matchesClass(String className) {
    return classRegex.matcher(className).matches();
  }

  public boolean matchesMethod(String methodName) {
    return methodRegex.matcher(methodName).matches();
  }

  /** True when any parameter list fits, or the given types (actual names) fit the listed ones. */
  public boolean matchesParameters(List<String> typeNames) {
    if (parameters == null) {
      return true;
    }
    if (parameters.size() != typeNames.size()) {
      return false;
    }
    for (int i = 0; i < parameters.size(); i++) {
      String want = parameters.get(i);
      String have = typeNames.get(i);
      boolean simple = want.indexOf('.') < 0;
      if (!want.equals(have) && !(simple && (have.endsWith("." + want) || have.endsWith("$" + want)))) {
        return false;
      }
    }
    return true;
  }

  private static Pattern classRegex(String type, String text) {
    if (type.isEmpty()) {
      throw new IllegalArgumentException("the class part before \"#\" is empty, " + EXAMPLE);
    }
    String[] segments = type.split("\\.", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (segment.equals("**")) {
        regex.append(last ? ".+" : "(?:[^.]+\\.)*");
        continue;
      }
      if (!SEGMENT.matcher(segment).matches() || segment.contains("**")) {
        throw new IllegalArgumentException("\"" + segment + "\" is not a package or class name "
            + "(letters, digits, _, $, * or a whole ** segment) in \"" + text + "\"");
      }
      regex.append(glob(segment, "[^.]*"));
      if (!last) {
        regex.append("\\.");
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static Pattern methodRegex(String method, String text) {
    if (!SEGMENT.matcher(method).matches()) {
      throw new IllegalArgumentException("\"" + method + "\" is not a method name (letters, digits, _, $ "
          + "or *) in \"" + text + "\"");
    }
    return Pattern.compile(glob(method, ".*"));
  }

  private static String glob(String segment, String star) {
    StringBuilder out = new StringBuilder();
    for (char c : segment.toCharArray()) {
      if (c == '*') {
        out.append(star);
      } else if (c == '$') {
        out.append("\\$");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static List<String> parameters(String list, String text) {
    List<String> out = new ArrayList<>();
    if (list.isBlank()) {
      return out;
    }
    for (String parameter : list.split(",", -1)) {
      String p = parameter.trim();
      if (!TYPE.matcher(p).matches()) {
        throw new IllegalArgumentException("\"" + p + "\" is not a parameter type in \"" + text + "\"");
      }
      out.add(p);
    }
    return out;
  }
}
