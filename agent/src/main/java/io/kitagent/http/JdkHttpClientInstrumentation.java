package io.kitagent.http;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.net.http.HttpClient}: {@code send} and both {@code sendAsync} meet in one private
 * {@code sendAsync}, which returns the response's future; the request is recorded when that completes.
 */
final class JdkHttpClientInstrumentation {

  static final HttpInstrumentation INSTRUMENTATION = new HttpInstrumentation("jdk-httpclient", true,
      "jdk.internal.net.http.HttpClientImpl", named("sendAsync").and(isPrivate()).and(takesArguments(4)),
      JdkHttpClientInstrumentation.class.getName() + "$SendAdvice");

  private JdkHttpClientInstrumentation() {}

  static final class SendAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static HttpClientCall enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
      URI uri = request.uri();
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      HttpClientCall call = Dispatch.httpClientStart(HttpCalls.JDK_HTTP_CLIENT, request.method(), uri,
          null, uri.getHost(), port);
      if (call != null) {
        try {
          String target = call.target();
          String[] headers = call.headers();
          if (target != null || headers.length > 0) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request, HttpClientCall.ALL_HEADERS);
            if (target != null) {
              builder.uri(URI.create(target));
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
              builder.setHeader(headers[i], headers[i + 1]);
            }
            request = builder.build();
          }
        } catch (Throwable t) {
          // the request goes as the application made it
        }
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void exit(@Advice.Enter HttpClientCall call, @Advice.Return CompletableFuture future,
        @Advice.Thrown Throwable error) {
      if (call == null) {
        return;
      }
      if (future == null) {
        call.end(-1, error);
      } else {
        call.detach();
        future.whenComplete(call);
      }
    }
  }
}
