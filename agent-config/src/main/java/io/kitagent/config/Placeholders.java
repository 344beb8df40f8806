package io.kitagent.config;

import java.util.function.UnaryOperator;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} from the environment, then from system
 * properties. {@code $${} writes a literal {@code ${}.
 */
final class Placeholders {

  private final UnaryOperator<String> lookup;

  Placeholders(UnaryOperator<String> lookup) {
    this.lookup = lookup;
  }

  static Placeholders fromEnvironment() {
    return new Placeholders(name -> {
      String value = System.getenv(name);
      return value != null ? value : System.getProperty(name);
    });
  }

  /** Returns the text with every placeholder replaced; throws with a readable reason otherwise. */
  String resolve(String text) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed placeholder \"" + text.substring(i) + "\"");
        }
        out.append(valueOf(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private String valueOf(String expression) {
    int colon = expression.indexOf(':');
    String name = colon < 0 ? expression : expression.substring(0, colon);
    if (name.isBlank()) {
      throw new IllegalArgumentException("empty placeholder name in \"${" + expression + "}\"");
    }
    String value = lookup.apply(name);
    if (value != null) {
      return value;
    }
    if (colon >= 0) {
      return expression.substring(colon + 1);
    }
    throw new IllegalArgumentException("${" + name + "} is not set in the environment or as a "
        + "system property, and has no default (write ${" + name + ":default})");
  }
}
