package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.Delegating;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpVersion;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.protocol.HttpContext;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.message.BasicHttpResponse;

/**
 * Apache HttpClient 4.5: every {@code CloseableHttpClient.execute} variant ends in {@code doExecute}
 * of one of its implementations (the deprecated {@code DefaultHttpClient} included). A retried request
 * is executed again through the client's public {@code execute}, once the failed attempt's response
 * is closed; a body that is not repeatable is never sent twice.
 */
final class ApacheHttpClient4Instrumentation {

  private static final String PACKAGE = "org.apache.http.impl.client.";

  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(
      instrumentation(PACKAGE + "InternalHttpClient"), instrumentation(PACKAGE + "MinimalHttpClient"),
      instrumentation(PACKAGE + "AbstractHttpClient"));

  private ApacheHttpClient4Instrumentation() {}

  private static HttpInstrumentation instrumentation(String type) {
    return new HttpInstrumentation("apache-httpclient-4", true, type,
        named("doExecute").and(takesArguments(3)),
        ApacheHttpClient4Instrumentation.class.getName() + "$ExecuteAdvice");
  }

  /** No string concatenation or lambdas here: the Java 6 class files it is woven into forbid invokedynamic. */
  static final class ExecuteAdvice {
    /** The refusal (nothing is sent), else the call to record, or null. */
    @Advice.OnMethodEnter(skipOn = HttpRefusal.class, suppress = Throwable.class)
    static Object enter(@Advice.Argument(value = 0, readOnly = false) HttpHost target,
        @Advice.Argument(1) HttpRequest request) {
      String uri = request.getRequestLine().getUri();
      boolean absolute = uri.startsWith("http://") || uri.startsWith("https://");
      int port = target == null ? -1 : target.getPort() >= 0 ? target.getPort()
          : "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
      HttpClientCall call = target != null
          ? Dispatch.httpClientStart(HttpCalls.APACHE_HTTP_CLIENT_4, request.getRequestLine().getMethod(),
              absolute ? uri : target, absolute ? null : uri, target.getHostName(), port)
          : Dispatch.httpClientStart(HttpCalls.APACHE_HTTP_CLIENT_4, request.getRequestLine().getMethod(),
              uri, null, null, -1);
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
          URI to = URI.create(rewritten);
          if (request instanceof HttpRequestBase) {
            ((HttpRequestBase) request).setURI(to);
          }
          target = new HttpHost(to.getHost(), to.getPort(), to.getScheme());
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

    /** A refusal's response is a plain {@code BasicHttpResponse}, closeable through a proxy. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.This CloseableHttpClient client,
        @Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest request,
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
          BasicHttpResponse answer = new BasicHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), refusal.reason());
          String[] headers = refusal.headers();
          for (int i = 0; i + 1 < headers.length; i += 2) {
            answer.addHeader(headers[i], headers[i + 1]);
          }
          answer.setEntity(new ByteArrayEntity(refusal.body()));
          response = (CloseableHttpResponse) Proxy.newProxyInstance(CloseableHttpResponse.class.getClassLoader(),
              new Class<?>[] {CloseableHttpResponse.class}, new Delegating(answer));
        }
      } else {
        call = (HttpClientCall) token;
      }
      if (call != null) {
        int status = -1;
        try {
          status = response == null ? -1 : response.getStatusLine().getStatusCode();
          HttpEntity body = request instanceof HttpEntityEnclosingRequest
              ? ((HttpEntityEnclosingRequest) request).getEntity() : null;
          boolean sendable = (body == null || body.isRepeatable())
              && !(request instanceof HttpRequestBase && ((HttpRequestBase) request).isAborted());
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
            status = response == null ? -1 : response.getStatusLine().getStatusCode();
          }
        } catch (Throwable t) {
          // recorded as it stands
        }
        call.end(status, error, response);
      }
    }
  }
}
