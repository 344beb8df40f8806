package io.kitagent.logging;

import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns an argument or result into log text, cut to {@link #MAX_LENGTH} characters, never throwing.
 * Arrays, collections and maps are rendered here, element by element, stopping once the text is long
 * enough, so a large argument costs no more than its first elements. {@code byte[]} and
 * {@code char[]} show only their length, at any depth, so raw secrets stay out of the log.
 */
public final class ValueText {

  public static final int MAX_LENGTH = 256;
  public static final String REDACTED = "***";
  private static final int MAX_DEPTH = 3;

  private ValueText() {}

  public static String of(Object value) {
    StringBuilder out = new StringBuilder();
    try {
      append(out, value, 0);
    } catch (Throwable t) {
      return "<toString failed: " + t.getClass().getName() + ">";
    }
    if (out.length() <= MAX_LENGTH) {
      return out.toString();
    }
    int end = Character.isHighSurrogate(out.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return out.substring(0, end) + "...";
  }

  /**
   * An exception's message as log text, or null when it has none. {@code getMessage} may be the
   * application's code: it runs as the agent's own work, and a failure of it is written as such.
   */
  public static String message(Throwable error) {
    AgentThread own = AgentWork.begin();
    try {
      String message = error.getMessage();
      return message == null ? null : of(message);
    } catch (Throwable t) {
      return "<getMessage failed: " + t.getClass().getName() + ">";
    } finally {
      AgentWork.end(own);
    }
  }

  private static void append(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof byte[] bytes) {
      out.append("byte[").append(bytes.length).append(']');
    } else if (value instanceof char[] chars) {
      out.append("char[").append(chars.length).append(']');
    } else if (value.getClass().isArray()) {
      elements(out, new ArrayIterator(value), depth, '[', ']');
    } else if (value instanceof Collection<?> collection) {
      elements(out, collection.iterator(), depth, '[', ']');
    } else if (value instanceof Map<?, ?> map) {
      elements(out, map.entrySet().iterator(), depth, '{', '}');
    } else if (value instanceof Map.Entry<?, ?> entry) {
      append(out, entry.getKey(), depth);
      out.append('=');
      append(out, entry.getValue(), depth);
    } else {
      out.append(value);
    }
  }

  private static void elements(StringBuilder out, Iterator<?> items, int depth, char open, char close) {
    if (depth >= MAX_DEPTH) {
      out.append(open).append("...").append(close);
      return;
    }
    out.append(open);
    boolean first = true;
    while (items.hasNext()) {
      if (out.length() > MAX_LENGTH) {
        out.append(", ...");
        break;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      append(out, items.next(), depth + 1);
    }
    out.append(close);
  }

  /** Any array, primitive or not, as an iterator (primitives boxed as they are read). */
  private static final class ArrayIterator implements Iterator<Object> {
    private final Object array;
    private final int length;
    private int next;

    ArrayIterator(Object array) {
      this.array = array;
      this.length = Array.getLength(array);
    }

    @Override
    public boolean hasNext() {
      return next < length;
    }

    @Override
    public Object next() {
      return Array.get(array, next++);
    }
  }
}
