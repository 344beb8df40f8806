package io.kitagent.config;

/** Which methods a rule applies to: one of {@code match:}, {@code annotated:}, {@code implements:}. */
public sealed interface MethodSelector {

  /** The config key that chose this selector. */
  String key();

  /** The value as written. */
  String value();

  default String describe() {
    return key() + ": " + value();
  }

  /** {@code match: com.example.*.Order*Service#place*(java.lang.String,int)} */
  record Match(MethodPattern pattern) implements MethodSelector {
    @Override
    public String key() {
      return "match";
    }

    @Override
    public String value() {
      return pattern.text();
    }
  }

  /** {@code annotated: com.example.Monitored} — methods carrying that annotation. */
  record Annotated(String annotation) implements MethodSelector {
    @Override
    public String key() {
      return "annotated";
    }

    @Override
    public String value() {
      return annotation;
    }
  }

  /**
   * {@code implements: com.example.Api} — in classes that implement or extend the type, the methods
   * that the type declares.
   */
  record Implements(String type) implements MethodSelector {
    @Override
    public String key() {
      return "implements";
    }

    @Override
    public String value() {
      return type;
    }
  }
}
