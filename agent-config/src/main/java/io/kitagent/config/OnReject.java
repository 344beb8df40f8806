package io.kitagent.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code onReject:} what a call refused by a policy (an injected fault, later a breaker or a limiter)
 * gets instead of running. It sits on a rule and applies to every refusing policy there; a policy may
 * carry its own, which wins.
 *
 * <ul>
 *   <li>methods: {@code { throw: <exception class>, message: "..." }} or {@code { return: <literal> }};
 *       with neither, {@code io.kitagent.bootstrap.RefusedException} is thrown;</li>
 *   <li>HTTP clients: {@code { status: 503, headers: {...}, body: "..." }}, a response made without the
 *       request leaving the process, or {@code { throw: io }}, the library's own {@code IOException};</li>
 *   <li>HTTP servers: {@code { status, headers, body }}.</li>
 * </ul>
 *
 * {@code where} is the position of the mapping in the file, for errors found only when a class is
 * woven (an exception class that does not exist, a literal that does not fit the return type).
 */
public record OnReject(String throwType, String message, boolean returns, Object returnValue, int status,
    Map<String, String> headers, String body, String where) {

  public static final String KEY = "onReject";
  /** {@code throw: io} of an HTTP client: the library's own IOException. */
  public static final String IO = "io";
  public static final int DEFAULT_STATUS = 503;

  private static final Pattern TYPE_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");

  public OnReject {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** What a refused call of this kind gets when no {@code onReject} says otherwise. */
  public static OnReject defaultFor(RuleKind kind) {
    return new OnReject(null, null, false, null, kind.http() ? DEFAULT_STATUS : 0, Map.of(), null, null);
  }

  /** The word as a rule holds it. */
  public static final RuleWord<OnReject> WORD = RuleWord.of(KEY, kind -> true, OnReject::read,
      OnReject::describe);

  /** Reads {@code onReject} of {@code parent} (a rule, or a policy that carries its own); null when absent. */
  public static OnReject read(Fields parent, RuleKind kind) {
    if (!parent.written(KEY) || parent.node(KEY) == null) {
      return null;
    }
    Fields f = parent.object(KEY);
    OnReject value = kind == RuleKind.METHOD ? method(f) : http(f, kind);
    f.done();
    return value;
  }

  private static OnReject method(Fields f) {
    String type = f.string("throw", null);
    String message = f.string("message", null);
    boolean returns = f.written("return");
    Object literal = returns ? literal(f.entries().get("return").value()) : null;
    if (type != null && returns) {
      f.problems().add(f.at(), f.path(), "give either throw or return, not both");
    } else if (type == null && !returns) {
      f.problems().add(f.at(), f.path(), "needs throw (an exception class) or return (a value)");
    }
    if (type != null && !TYPE_NAME.matcher(type.trim()).matches()) {
      f.problems().add(f.node("throw"), f.path("throw"), "expected an exception class such as "
          + "java.lang.IllegalStateException, got \"" + type + "\"");
      type = null;
    }
    if (message != null && type == null && returns) {
      f.problems().add(f.node("message"), f.path("message"), "message goes with throw, not with return");
    }
    return new OnReject(type == null ? null : type.trim(), message, returns, literal, 0, Map.of(), null,
        f.where());
  }

  private static OnReject http(Fields f, RuleKind kind) {
    String type = f.string("throw", null);
    if (type != null && (!kind.client() || !type.trim().equals(IO))) {
      f.problems().add(f.node("throw"), f.path("throw"), kind.client()
          ? "an HTTP client's refusal throws io (the library's IOException), got \"" + type + "\""
          : "an HTTP server answers a refused request with status, headers and body; throw is for clients and methods");
      type = null;
    }
    int status = f.integer("status", DEFAULT_STATUS, 100, 599);
    Map<String, String> headers = headers(f);
    String body = f.string("body", null);
    String message = f.string("message", null);
    if (type != null && (f.written("status") || f.written("headers") || f.written("body"))) {
      f.problems().add(f.at(), f.path(), "throw: io makes the request fail; status, headers and body "
          + "belong to an answered one: give one or the other");
    } else if (type == null && message != null) {
      f.problems().add(f.node("message"), f.path("message"), "message is the IOException's, with throw: io; "
          + "an answered request says what it says in body");
    }
    return new OnReject(type == null ? null : IO, message, false, null, type == null ? status : 0, headers, body,
        f.where());
  }

  private static Map<String, String> headers(Fields f) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!f.written("headers")) {
      return headers;
    }
    Fields h = f.object("headers");
    for (Map.Entry<String, Node.Entry> entry : h.entries().entrySet()) {
      String value = h.string(entry.getKey(), null);
      if (!entry.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        h.problems().add(entry.getValue().line(), entry.getValue().column(), h.path(entry.getKey()),
            "not a valid header name");
      } else if (value != null) {
        headers.put(entry.getKey(), value);
      }
    }
    h.done();
    return headers;
  }

  /** A value as written, as plain Java: maps, lists, strings, numbers, booleans, null. */
  static Object literal(Node node) {
    if (node instanceof Node.Mapping mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      mapping.entries().forEach((key, entry) -> map.put(key, literal(entry.value())));
      return map;
    }
    if (node instanceof Node.Sequence sequence) {
      return sequence.items().stream().map(OnReject::literal).toList();
    }
    Node.Scalar scalar = (Node.Scalar) node;
    return switch (scalar.kind()) {
      case NUMBER -> number(scalar.text());
      case BOOLEAN -> Boolean.parseBoolean(scalar.text());
      case NULL, UNRESOLVED -> null;
      case STRING -> scalar.text();
    };
  }

  private static Object number(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return Double.parseDouble(text.trim());
    }
  }

  /** Whether a refused method call throws (else it returns {@link #returnValue}). */
  public boolean throwsError() {
    return !returns;
  }

  /** Whether a refused HTTP request fails with an IOException (else it gets a response). */
  public boolean throwsIo() {
    return IO.equals(throwType);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (throwType != null) {
      out.put("throw", throwType);
    }
    if (message != null) {
      out.put("message", message);
    }
    if (returns) {
      out.put("return", returnValue);
    }
    if (status > 0) {
      out.put("status", status);
    }
    if (!headers.isEmpty()) {
      out.put("headers", headers);
    }
    if (body != null) {
      out.put("body", body);
    }
    return out;
  }

  /** A policy's own {@code onReject} ({@code own}, may be null), else its rule's, else the default of {@code kind}. */
  public static OnReject ownOrRule(OnReject own, Rule rule, RuleKind kind) {
    return first(Arrays.asList(own, rule.get(WORD)), kind);
  }

  /** The first of {@code candidates} that is set: a policy's own onReject, then its rule's, then the default. */
  public static OnReject first(List<OnReject> candidates, RuleKind kind) {
    for (OnReject candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return defaultFor(kind);
  }
}
