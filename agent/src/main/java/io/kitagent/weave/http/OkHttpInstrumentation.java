package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import java.util.List;
import net.bytebuddy.asm.Advice;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * OkHttp 4: {@code execute} and {@code enqueue} both run the call's interceptor chain; its first link
 * ({@code index} 0) sees the application's request once, before the application's own interceptors,
 * retries and redirects, and may replace it. An enqueued call is timed from when a dispatcher thread
 * runs it. A refused request is not sent: the call gets a response made here, or an
 * {@code IOException} (for {@code enqueue}, through its callback). A retried request runs the chain
 * from its first link again, on the same thread, once the response of the failed attempt is closed;
 * a one-shot body is never sent twice.
 */
final class OkHttpInstrumentation {

  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(new HttpInstrumentation("okhttp", true,
      "okhttp3.internal.http.RealInterceptorChain", named("proceed").and(takesArguments(1)),
      OkHttpInstrumentation.class.getName() + "$ProceedAdvice"));

  private OkHttpInstrumentation() {}

  static final class ProceedAdvice {
    /** The refusal (nothing is sent), else the call to record, or null. */
    @Advice.OnMethodEnter(skipOn = HttpRefusal.class, suppress = Throwable.class)
    static Object enter(@Advice.FieldValue("index") int index,
        @Advice.Argument(value = 0, readOnly = false) Request request) {
      if (index != 0) {
        return null;
      }
      HttpUrl url = request.url();
      HttpClientCall call = Dispatch.httpClientStart(HttpCalls.OKHTTP, request.method(), url, null,
          url.host(), url.port());
      if (call == null) {
        return null;
      }
      HttpRefusal refusal = call.refusalAnswer();
      if (refusal != null) {
        return refusal;
      }
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
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.This Interceptor.Chain chain,
        @Advice.Argument(0) Request request, @Advice.Return(readOnly = false) Response response,
        @Advice.Thrown(readOnly = false) Throwable error) {
      HttpClientCall call;
      if (token instanceof HttpRefusal) {
        HttpRefusal refusal = (HttpRefusal) token;
        call = refusal.clientCall();
        if (refusal.status() == 0) {
          error = refusal.error();
        } else {
          long now = System.currentTimeMillis();
          Response.Builder answer = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
              .code(refusal.status()).message(refusal.reason())
              .body(ResponseBody.create((MediaType) null, refusal.body()))
              .sentRequestAtMillis(now).receivedResponseAtMillis(now);
          String[] headers = refusal.headers();
          for (int i = 0; i + 1 < headers.length; i += 2) {
            answer.addHeader(headers[i], headers[i + 1]);
          }
          response = answer.build();
        }
      } else {
        call = (HttpClientCall) token;
      }
      if (call != null) {
        int status = -1;
        try {
          status = response == null ? -1 : response.code();
          if (!(token instanceof HttpRefusal) && call.retry(status, error, response, !chain.call().isCanceled()
              && (request.body() == null || !request.body().isOneShot()))) {
            try {
              if (response != null) {
                response.close();
              }
            } catch (Throwable t) {
              // sent again all the same; the connection is the client's to reclaim
            }
            try {
              response = chain.proceed(request);
              error = null;
            } catch (Throwable t) {
              response = null;
              error = t;
            }
            status = response == null ? -1 : response.code();
          }
        } catch (Throwable t) {
          // recorded as it stands
        }
        call.end(status, error, response);
      }
    }
  }
}
