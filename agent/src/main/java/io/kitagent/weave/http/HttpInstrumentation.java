package io.kitagent.weave.http;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One advice of one library: the class to weave (by exact name, so that the agent can tell from the
 * name alone, cheaply, which classes to hand to Byte Buddy), its methods, and the advice class (by
 * name: the agent never loads it, Byte Buddy reads it from the agent JAR and inlines it).
 * {@code client}: whether it belongs to {@code http.client} or {@code http.server}. The enter and
 * exit advice may be one class or two.
 */
record HttpInstrumentation(String library, boolean client, String type,
    ElementMatcher<? super MethodDescription> methods, String enterAdvice, String exitAdvice) {

  HttpInstrumentation(String library, boolean client, String type,
      ElementMatcher<? super MethodDescription> methods, String advice) {
    this(library, client, type, methods, advice, advice);
  }
}
