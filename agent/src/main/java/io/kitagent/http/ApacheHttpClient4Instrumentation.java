package io.kitagent.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import java.net.URI;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpRequestBase;

/**
 * Apache HttpClient 4.5: every {@code CloseableHttpClient.execute} variant ends in {@code doExecute}
 * of one of its implementations (the deprecated {@code DefaultHttpClient} included).
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

  static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static HttpClientCall enter(@Advice.Argument(value = 0, readOnly = false) HttpHost target,
        @Advice.Argument(1) HttpRequest request) {
      String uri = request.getRequestLine().getUri();
      boolean absolute = uri.startsWith("http://") || uri.startsWith("https://");
      HttpClientCall call = target != null
          ? Dispatch.httpClientStart(HttpCalls.APACHE_HTTP_CLIENT_4, request.getRequestLine().getMethod(),
              absolute ? uri : target, absolute ? null : uri, target.getHostName(), target.getPort())
          : Dispatch.httpClientStart(HttpCalls.APACHE_HTTP_CLIENT_4, request.getRequestLine().getMethod(),
              uri, null, null, -1);
      if (call != null) {
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
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter HttpClientCall call, @Advice.Return CloseableHttpResponse response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        int status = -1;
        try {
          status = response == null ? -1 : response.getStatusLine().getStatusCode();
        } catch (Throwable t) {
          // recorded without a status
        }
        call.end(status, error);
      }
    }
  }
}
