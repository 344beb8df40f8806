package io.kitagent.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import net.bytebuddy.asm.Advice;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp 4: {@code execute} and {@code enqueue} both run the call's interceptor chain; its first link
 * ({@code index} 0) sees the application's request once, before the application's own interceptors,
 * retries and redirects, and may replace it. An enqueued call is timed from when a dispatcher thread
 * runs it.
 */
final class OkHttpInstrumentation {

  static final HttpInstrumentation INSTRUMENTATION = new HttpInstrumentation("okhttp", true,
      "okhttp3.internal.http.RealInterceptorChain", named("proceed").and(takesArguments(1)),
      OkHttpInstrumentation.class.getName() + "$ProceedAdvice");

  private OkHttpInstrumentation() {}

  static final class ProceedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static HttpClientCall enter(@Advice.FieldValue("index") int index,
        @Advice.Argument(value = 0, readOnly = false) Request request) {
      if (index != 0) {
        return null;
      }
      HttpUrl url = request.url();
      HttpClientCall call = Dispatch.httpClientStart(HttpCalls.OKHTTP, request.method(), url, null,
          url.host(), url.port());
      if (call != null) {
        try {
          String target = call.target();
          String[] headers = call.headers();
          if (target != null || headers.length > 0) {
            Request.Builder builder = request.newBuilder();
            if (target != null) {
              builder.url(target);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
              builder.header(headers[i], headers[i + 1]);
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
    static void exit(@Advice.Enter HttpClientCall call, @Advice.Return Response response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        int status = -1;
        try {
          status = response == null ? -1 : response.code();
        } catch (Throwable t) {
          // recorded without a status
        }
        call.end(status, error);
      }
    }
  }
}
