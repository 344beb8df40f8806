package io.kitagent.weave.methods;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.config.MethodRule;
import io.kitagent.core.Chain;
import io.kitagent.core.Context;
import io.kitagent.core.MethodSite;
import io.kitagent.core.PolicyOrder;
import io.kitagent.logging.AgentLog;
import io.kitagent.methods.WovenMethods;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * Weaves the matched methods of one class: builds each method's chain from its rule, registers it
 * under a new site id, and inlines the advice of the chain's shape with that id as a constant.
 */
final class MethodTransformer implements AgentBuilder.Transformer {

  private final Instrumentation instrumentation;
  private final MethodRules rules;
  private final WovenMethods sites;
  private final Context context;

  MethodTransformer(Instrumentation instrumentation, MethodRules rules, WovenMethods sites, Context context) {
    this.instrumentation = instrumentation;
    this.rules = rules;
    this.sites = sites;
    this.context = context;
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
      ClassLoader loader, JavaModule module, ProtectionDomain domain) {
    Map<String, Map<String, Integer>> byShape = new TreeMap<>();
    ExceptionClasses exceptions = new ExceptionClasses(loader, type.getName());
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      MethodRule rule = rules.ruleFor(type, method);
      if (rule == null || !rule.hasPolicies()) {
        continue;
      }
      MethodSite site = new MethodSite(type.getName(), method.getName(), parameterNames(method),
          method.getParameters().stream().allMatch(ParameterDescription::isNamed),
          method.getReturnType().asErasure().getName(), method.getReturnType().getTypeName(),
          new WeakReference<>(loader));
      Chain chain = PolicyOrder.forMethod(site, rule, context);
      if (chain.isEmpty()) {
        continue;
      }
      int id = sites.register(site, chain, exceptions::problem);
      byShape.computeIfAbsent(MethodAdvice.shape(chain.mayRefuse(), chain.retries(), chain.wantsValues()), shape -> new HashMap<>())
          .put(key(method), id);
      AgentLog.debug("weaving " + site.name() + " (methods[" + rule.index() + "] "
          + rule.selector().describe() + ")");
    }
    if (byShape.isEmpty()) {
      return builder;
    }
    readDispatch(module);
    for (Map.Entry<String, Map<String, Integer>> shape : byShape.entrySet()) {
      builder = builder.visit(advice(shape.getKey(), shape.getValue()));
    }
    return builder;
  }
  private static AsmVisitorWrapper advice(String advice, Map<String, Integer> ids) {
    Advice.OffsetMapping siteId = (instrumentedType, instrumentedMethod, assigner, arguments, sort) ->
        new Advice.OffsetMapping.Target.ForStackManipulation(
            IntegerConstant.forValue(ids.get(key(instrumentedMethod))));
    return MethodAdvice.bind(advice, siteId).on(method -> ids.containsKey(key(method)));
  }

  /**
   * Woven code calls {@code Dispatch}, which lives in the boot loader's unnamed module. Classes of the
   * class path (unnamed modules) read it already; a class in a named module must be made to.
   */
  private void readDispatch(JavaModule module) {
    if (module != null && module.unwrap() instanceof Module woven && woven.isNamed()) {
      instrumentation.redefineModule(woven, Set.of(Dispatch.class.getModule()), Map.of(), Map.of(),
          Set.of(), Map.of());
    }
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
