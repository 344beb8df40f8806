package io.kitagent.methods;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.kitagent.bootstrap.RefusedException;
import io.kitagent.config.OnReject;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import io.kitagent.core.MethodCall;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
import io.kitagent.logging.AgentLog;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a refused call of one woven method throws or returns, as each refusing policy's
 * {@code onReject} says. An answer is checked when the method is woven as far as that can be done
 * without loading classes (a return value of a primitive, boxed or {@code String} type, an exception
 * class that exists and can be built); the rest when it is first used. An answer that cannot be given
 * is reported once, with the file, line and key of its {@code onReject}, and the call throws the
 * documented {@link RefusedException} instead.
 */
final class RefusalAnswers {

  private static final Answer DEFAULT = new Answer(null, null, false, false, null);

  private final MethodSite site;
  private final Map<OnReject, Answer> answers = new ConcurrentHashMap<>();

  /** {@code chainPolicies}: the policies of the site; {@code types} checks exception classes without loading them. */
  RefusalAnswers(MethodSite site, List<Policy> chainPolicies, ExceptionTypes types) {
    this.site = site;
    for (Policy policy : chainPolicies) {
      OnReject onReject = policy.mayRefuse() ? policy.onReject() : null;
      if (onReject == null) {
        continue;
      }
      if (onReject.returns() && ReturnValues.simple(site.returnType())) {
        answers.computeIfAbsent(onReject, this::prepare);
      } else if (!onReject.returns() && onReject.throwType() != null) {
        String problem = types.problem(onReject.throwType());
        if (problem != null) {
          answers.put(onReject, broken(onReject, problem));
        }
      }
    }
  }

  /** The exception a refused call throws, or null when it returns {@link MethodCall#answer()}. */
  Throwable error(MethodCall call) {
    Refusal refusal = call.refusal();
    // An exception's constructor, a bean's setters, a class's initialiser may be woven code.
    AgentThread own = AgentWork.begin();
    try {
      Answer answer = refusal.answer() instanceof OnReject onReject
          ? answers.computeIfAbsent(onReject, this::prepare) : DEFAULT;
      return answer.give(call, refusal, site);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      if (refusal.answer() instanceof OnReject onReject) {
        answers.put(onReject, broken(onReject, "cannot answer with it: " + e));
      }
      return new RefusedException(refusal.reason(), refusal.describe() + " at " + site.name());
    } finally {
      AgentWork.end(own);
    }
  }

  private Answer prepare(OnReject onReject) {
    try {
      if (onReject.returns()) {
        String type = site.returnType();
        if (ReturnValues.simple(type)) {
          return new Answer(null, null, false, true, ReturnValues.convert(onReject.returnValue(), type));
        }
        Json.MAPPER.convertValue(onReject.returnValue(), type(site)); // fails here for a literal that does not fit
        return new Answer(null, null, true, true, null);
      }
      if (onReject.throwType() == null) {
        return DEFAULT;
      }
      Class<?> type = Class.forName(onReject.throwType(), false, site.classLoader());
      if (!Throwable.class.isAssignableFrom(type)) {
        return broken(onReject, onReject.throwType() + " is not an exception (not a Throwable)");
      }
      constructor(type);
      return new Answer(new WeakReference<>(type), onReject.message(), false, false, null);
    } catch (ClassNotFoundException e) {
      return broken(onReject, "class " + e.getMessage() + " is not visible from the class loader of "
          + site.className());
    } catch (NoSuchMethodException e) {
      return broken(onReject, onReject.throwType() + " has no public constructor taking a String or nothing");
    } catch (IllegalArgumentException e) {
      return broken(onReject, "return: " + e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return broken(onReject, "cannot answer with it: " + e);
    }
  }

  private Answer broken(OnReject onReject, String problem) {
    AgentLog.error(onReject.where() + ": " + problem + " (for " + site.name() + "); its refused calls throw "
        + RefusedException.class.getName() + " instead");
    return DEFAULT;
  }

  /** Exception classes checked when a method is woven, from class files (nothing is loaded). */
  interface ExceptionTypes {
    /** Null when {@code name} is an exception class with a usable constructor, else why not. */
    String problem(String name);
  }

  /**
   * The method's return type with its type arguments ({@code List<Item>} gives a list of items), as
   * Jackson knows it; the erased type where the arguments are type variables.
   */
  private static JavaType type(MethodSite site) throws ClassNotFoundException {
    TypeFactory types = Json.MAPPER.getTypeFactory().withClassLoader(site.classLoader());
    try {
      return types.constructFromCanonical(site.genericReturnType());
    } catch (IllegalArgumentException e) {
      return types.constructType(Class.forName(site.returnType(), false, site.classLoader()));
    }
  }

  /** The exception's public (String) constructor, else its public no-argument one. */
  private static Constructor<?> constructor(Class<?> type) throws NoSuchMethodException {
    try {
      return type.getConstructor(String.class);
    } catch (NoSuchMethodException e) {
      return type.getConstructor();
    }
  }

  /**
   * One way to answer: throw an exception of {@code exception}, or return {@code value}; a
   * {@code bean}'s value is converted anew for every call, since the caller may change it. The
   * exception class is held weakly (a class stays as long as its loader), so that a redeployed
   * application's class loader can go; refusals are rare enough to look the constructor up each time.
   */
  private record Answer(WeakReference<Class<?>> exception, String message, boolean bean, boolean returns,
      Object value) {

    Throwable give(MethodCall call, Refusal refusal, MethodSite site) throws ReflectiveOperationException {
      if (returns) {
        call.answer(bean ? Json.MAPPER.convertValue(((OnReject) refusal.answer()).returnValue(), type(site)) : value);
        return null;
      }
      String text = message != null ? message : refusal.describe() + " at " + site.name();
      Class<?> type = exception == null ? null : exception.get();
      if (type == null) {
        return new RefusedException(refusal.reason(), text);
      }
      Constructor<?> made = constructor(type);
      return (Throwable) (made.getParameterCount() == 1 ? made.newInstance(text) : made.newInstance());
    }
  }

  /** Made at the first bean answer: an {@code ObjectMapper} costs start-up time no other site should pay. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
