package io.kitagent.weave.http;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every HTTP library the agent weaves, client and server: a new library is one class (its matchers
 * and advice) and one line here.
 */
final class HttpLibraries {

  static final List<HttpInstrumentation> ALL = Stream.of(
      JdkHttpClientInstrumentation.INSTRUMENTATIONS,
      UrlConnectionInstrumentation.INSTRUMENTATIONS,
      ApacheHttpClient5Instrumentation.INSTRUMENTATIONS,
      ApacheHttpClient4Instrumentation.INSTRUMENTATIONS,
      OkHttpInstrumentation.INSTRUMENTATIONS,
      JdkHttpServerInstrumentation.INSTRUMENTATIONS,
      ServletInstrumentation.INSTRUMENTATIONS)
      .flatMap(List::stream)
      .toList();

  private HttpLibraries() {}
}
