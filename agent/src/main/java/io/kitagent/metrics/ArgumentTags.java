package io.kitagent.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tag values taken from a call's arguments, as a rule's {@code metrics.tags} asks. Prometheus needs
 * one set of tag keys per metric name, so every key any rule uses is present on every timer, as
 * {@code none} where this rule does not set it. Past {@code maxValues} distinct values of one tag, new
 * values become {@code other}, so a user id passed by mistake cannot explode the series count.
 */
final class ArgumentTags {

  static final String NONE = "none";
  static final String OTHER = "other";
  static final String UNKNOWN = "unknown";
  static final String ERROR = "error";

  private static final ArgumentTags EMPTY = new ArgumentTags(List.of(), List.of(), 0);

  private final List<ArgumentTag> own;
  private final List<String> allKeys;
  private final List<Set<String>> seen = new ArrayList<>();
  private final int maxValues;

  private ArgumentTags(List<ArgumentTag> own, List<String> allKeys, int maxValues) {
    this.own = own;
    this.allKeys = allKeys;
    this.maxValues = maxValues;
    for (int i = 0; i < own.size(); i++) {
      seen.add(ConcurrentHashMap.newKeySet());
    }
  }

  /** {@code allKeys}: every argument tag name used by any rule, in a fixed order. */
  static ArgumentTags of(List<ArgumentTag> own, List<String> allKeys, int maxValues) {
    return allKeys.isEmpty() ? EMPTY : new ArgumentTags(List.copyOf(own), List.copyOf(allKeys), maxValues);
  }

  /** Whether the values come from the call's arguments; otherwise they are all {@code none}. */
  boolean dependsOnArguments() {
    return !own.isEmpty();
  }

  Tags values(Object[] args) {
    List<Tag> tags = new ArrayList<>(allKeys.size());
    for (String key : allKeys) {
      String value = NONE;
      for (int i = 0; i < own.size(); i++) {
        if (own.get(i).name().equals(key)) {
          value = bounded(i, valueOf(own.get(i), args));
        }
      }
      tags.add(Tag.of(key, value));
    }
    return Tags.of(tags);
  }

  private String bounded(int tag, String value) {
    Set<String> values = seen.get(tag);
    if (values.contains(value)) {
      return value;
    }
    if (values.size() >= maxValues) {
      return OTHER;
    }
    values.add(value);
    return value;
  }

  static String valueOf(ArgumentTag tag, Object[] args) {
    if (args == null || tag.argument() >= args.length) {
      return UNKNOWN;
    }
    Object value = args[tag.argument()];
    for (String property : tag.properties()) {
      if (value == null) {
        break;
      }
      value = property(value, property);
      if (value == NO_VALUE) {
        return UNKNOWN; // a step failed: the rest of the path would run on nothing meaningful
      }
    }
    if (value == null) {
      return "null";
    }
    String text;
    try {
      text = String.valueOf(value);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      return ERROR; // the application's toString failed: the call is still recorded
    }
    return text.length() <= 64 ? text : text.substring(0, 64);
  }

  /** {@link #NO_VALUE} when the property has no getter that can be called. */
  private static Object property(Object target, String name) {
    Optional<Method> getter = GETTERS.get(target.getClass()).computeIfAbsent(name,
        property -> getter(target.getClass(), property));
    if (getter.isEmpty()) {
      return NO_VALUE;
    }
    try {
      return getter.get().invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return NO_VALUE;
    }
  }

  private static final Object NO_VALUE = new Object();

  private static final ClassValue<Map<String, Optional<Method>>> GETTERS = new ClassValue<>() {
    @Override
    protected Map<String, Optional<Method>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /** {@code getX()}, {@code isX()} or {@code x()} (records), made callable once. */
  private static Optional<Method> getter(Class<?> type, String name) {
    String capital = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    for (String candidate : new String[] {"get" + capital, "is" + capital, name}) {
      try {
        Method getter = type.getMethod(candidate);
        getter.setAccessible(true);
        return Optional.of(getter);
      } catch (NoSuchMethodException e) {
        // try the next form
      } catch (RuntimeException e) {
        return Optional.empty(); // not accessible (a module that does not open it)
      }
    }
    return Optional.empty();
  }
}
