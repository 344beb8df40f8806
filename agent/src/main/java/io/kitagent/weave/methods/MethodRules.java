package io.kitagent.weave.methods;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotation;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isEquals;
import static net.bytebuddy.matcher.ElementMatchers.isHashCode;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isOverriddenFrom;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.isToString;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.kitagent.config.MethodPattern;
import io.kitagent.config.MethodRule;
import io.kitagent.config.MethodSelector;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The {@code methods:} rules as Byte Buddy matchers. The first rule that matches a method wins. */
public final class MethodRules {

  /** Methods no rule may weave: they have no body, are compiler-made, or are called everywhere. */
  static final ElementMatcher.Junction<MethodDescription> WEAVABLE = isMethod()
      .and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic())).and(not(isBridge()))
      .and(not(nameStartsWith("lambda$")))
      .and(not(isToString())).and(not(isHashCode())).and(not(isEquals()));

  private final List<Compiled> rules = new ArrayList<>();

  public MethodRules(List<MethodRule> methodRules) {
    for (MethodRule rule : methodRules) {
      rules.add(compile(rule));
    }
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Types that some rule may weave a method of, judged by Byte Buddy from the class file. */
  public ElementMatcher<TypeDescription> types() {
    ElementMatcher.Junction<TypeDescription> any = none();
    for (Compiled rule : rules) {
      any = any.or(rule.type);
    }
    return not(isAnnotation()).and(any);
  }

  /** The first rule that weaves this method of this type, or null. */
  public MethodRule ruleFor(TypeDescription type, MethodDescription method) {
    if (!WEAVABLE.matches(method)) {
      return null;
    }
    for (Compiled rule : rules) {
      if (rule.type.matches(type) && rule.method.matches(method)) {
        return rule.rule;
      }
    }
    return null;
  }

  private static Compiled compile(MethodRule rule) {
    MethodSelector selector = rule.selector();
    if (selector instanceof MethodSelector.Match match) {
      MethodPattern pattern = match.pattern();
      return new Compiled(rule,
          type -> pattern.matchesClass(type.getName()),
          method -> pattern.matchesMethod(method.getName())
              && pattern.matchesParameters(parameterTypes(method)));
    }
    if (selector instanceof MethodSelector.Annotated annotated) {
      ElementMatcher.Junction<MethodDescription> method = isAnnotatedWith(named(annotated.annotation()));
      return new Compiled(rule, declaresMethod(method), method);
    }
    String type = ((MethodSelector.Implements) selector).type();
    // The type itself is included, so that its default methods are woven too.
    return new Compiled(rule, hasSuperType(named(type)),
        isOverriddenFrom(named(type)));
  }

  private static List<String> parameterTypes(MethodDescription method) {
    List<String> names = new ArrayList<>();
    for (TypeDefinition type : method.getParameters().asTypeList()) {
      names.add(type.asErasure().getActualName());
    }
    return names;
  }

  private record Compiled(MethodRule rule, ElementMatcher<? super TypeDescription> type,
      ElementMatcher<? super MethodDescription> method) {}
}
