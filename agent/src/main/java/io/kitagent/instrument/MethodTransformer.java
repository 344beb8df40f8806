package io.kitagent.instrument;

import io.kitagent.config.MethodRule;
import io.kitagent.logging.AgentLog;
import io.kitagent.logging.EventLog;
import io.kitagent.logging.MethodLogger;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the matched methods of one class: registers a {@link CallSite} per method and inlines the
 * advice with that site's id as a constant.
 */
final class MethodTransformer implements AgentBuilder.Transformer {

  private final MethodRules rules;
  private final CallSites sites;
  private final EventLog log;

  MethodTransformer(MethodRules rules, CallSites sites, EventLog log) {
    this.rules = rules;
    this.sites = sites;
    this.log = log;
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
      ClassLoader loader, JavaModule module, ProtectionDomain domain) {
    Map<String, Integer> plain = new HashMap<>();
    Map<String, Integer> withValues = new HashMap<>();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      MethodRule rule = rules.ruleFor(type, method);
      if (rule == null || rule.log() == null) {
        continue;
      }
      CallSite site = new CallSite(type.getName(), method.getName(),
          new MethodLogger(log, type.getName(), method.getName(), parameterNames(method), rule.log()));
      int id = sites.register(site);
      (site.wantsValues() ? withValues : plain).put(key(method), id);
      AgentLog.debug("weaving " + site.name() + " (methods[" + rule.index() + "] "
          + rule.selector().describe() + ")");
    }
    if (!plain.isEmpty()) {
      builder = builder.visit(advice(MethodAdvice.Plain.class, plain));
    }
    if (!withValues.isEmpty()) {
      builder = builder.visit(advice(MethodAdvice.WithValues.class, withValues));
    }
    return builder;
  }

  private static AsmVisitorWrapper.ForDeclaredMethods advice(Class<?> adviceClass,
      Map<String, Integer> ids) {
    Advice.OffsetMapping siteId = (instrumentedType, instrumentedMethod, assigner, arguments, sort) ->
        new Advice.OffsetMapping.Target.ForStackManipulation(
            IntegerConstant.forValue(ids.get(key(instrumentedMethod))));
    return Advice.withCustomMapping()
        .bind(SiteId.class, siteId)
        .to(adviceClass)
        .on(method -> ids.containsKey(key(method)));
  }

  private static String key(MethodDescription method) {
    return method.getInternalName() + method.getDescriptor();
  }

  /** Names from {@code -parameters} when compiled with it, else {@code arg0, arg1, ...}. */
  private static String[] parameterNames(MethodDescription method) {
    String[] names = new String[method.getParameters().size()];
    for (ParameterDescription parameter : method.getParameters()) {
      names[parameter.getIndex()] = parameter.isNamed() ? parameter.getName() : "arg" + parameter.getIndex();
    }
    return names;
  }
}
