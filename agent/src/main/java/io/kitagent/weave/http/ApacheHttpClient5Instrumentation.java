package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import java.net.URI;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Apache HttpClient 5 classic: every {@code CloseableHttpClient.execute} variant ends in
 * {@code doExecute} of the two implementations; retries and redirects happen inside it. A refused
 * request is not sent: the application gets a response made here, or an {@code IOException}. A retried
 * request is executed again through the client's public {@code execute}, once the failed attempt's
 * response is closed; a body that is not repeatable is never sent twice.
 */
final class ApacheHttpClient5Instrumentation {

  private static final String PACKAGE = "org.apache.hc.client5.http.impl.classic.";

  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(
      instrumentation(PACKAGE + "InternalHttpClient"), instrumentation(PACKAGE + "MinimalHttpClient"));

  private ApacheHttpClient5Instrumentation() {}

  private static HttpInstrumentation instrumentation(String type) {
    return new HttpInstrumentation("apache-httpclient-5", true, type,
        named("doExecute").and(takesArguments(3)),
        ApacheHttpClient5Instrumentation.class.getName() + "$ExecuteAdvice");
  }

  static final class ExecuteAdvice {
    /** The refusal (nothing is sent), else the call to record, or null. */
    @Advice.OnMethodEnter(skipOn = HttpRefusal.class, suppress = Throwable.class)
    static Object enter(@Advice.Argument(value = 0, readOnly = false) HttpHost target,
        @Advice.Argument(1) ClassicHttpRequest request) throws Exception {
      HttpClientCall call;
      if (target != null) {
        int port = target.getPort() >= 0 ? target.getPort()
            : "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
        call = Dispatch.httpClientStart(HttpCalls.APACHE_HTTP_CLIENT_5, request.getMethod(), target,
            request.getRequestUri(), target.getHostName(), port);
      } else {
        URI uri = request.getUri();
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        call = Dispatch.httpClientStart(HttpCalls.APACHE_HTTP_CLIENT_5, request.getMethod(), uri, null,
            uri.getHost(), port);
      }
      if (call == null) {
        return null;
      }
      HttpRefusal refusal = call.refusalAnswer();
      if (refusal != null) {
        return refusal;
      }
      try {
        String rewritten = call.target();
        if (rewritten != null) {
          URI uri = URI.create(rewritten);
          request.setUri(uri);
          target = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
        }
        String[] headers = call.headers();
        for (int i = 0; i + 1 < headers.length; i += 2) {
          request.setHeader(headers[i], headers[i + 1]);
        }
      } catch (Throwable t) {
        // the request goes as the application made it
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    @SuppressWarnings("deprecation") // execute(target, request, context) is there in every 5.x
    static void exit(@Advice.Enter Object token, @Advice.This CloseableHttpClient client,
        @Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request,
        @Advice.Argument(2) HttpContext context,
        @Advice.Return(readOnly = false) CloseableHttpResponse response,
        @Advice.Thrown(readOnly = false) Throwable error) {
      HttpClientCall call;
      if (token instanceof HttpRefusal) {
        HttpRefusal refusal = (HttpRefusal) token;
        call = refusal.clientCall();
        if (refusal.status() == 0) {
          error = refusal.error();
        } else {
          BasicClassicHttpResponse answer = new BasicClassicHttpResponse(refusal.status(), refusal.reason());
          String[] headers = refusal.headers();
          for (int i = 0; i + 1 < headers.length; i += 2) {
            answer.addHeader(headers[i], headers[i + 1]);
          }
          answer.setEntity(new ByteArrayEntity(refusal.body(), null));
          response = CloseableHttpResponse.adapt(answer);
        }
      } else {
        call = (HttpClientCall) token;
      }
      if (call != null) {
        int status = -1;
        try {
          status = response == null ? -1 : response.getCode();
          boolean sendable = (request.getEntity() == null || request.getEntity().isRepeatable())
              && !(request instanceof HttpUriRequestBase && ((HttpUriRequestBase) request).isCancelled());
          if (!(token instanceof HttpRefusal) && call.retry(status, error, response, sendable)) {
            try {
              if (response != null) {
                response.close();
              }
            } catch (Throwable t) {
              // sent again all the same; the connection is the client's to reclaim
            }
            try {
              response = client.execute(target, request, context);
              error = null;
            } catch (Throwable t) {
              response = null;
              error = t;
            }
            status = response == null ? -1 : response.getCode();
          }
        } catch (Throwable t) {
          // recorded as it stands
        }
        call.end(status, error, response);
      }
    }
  }
}
