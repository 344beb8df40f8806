package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.bootstrap.HttpServerCall;
import java.net.URI;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code com.sun.net.httpserver}: the server runs each exchange through a filter chain whose end calls
 * the context's handler; the outermost {@code doFilter} of a thread is the request. Handlers are often
 * lambdas, which cannot be woven, so the chain is. A refused request is answered here and no filter
 * or handler runs.
 */
final class JdkHttpServerInstrumentation {

  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(new HttpInstrumentation("jdk-httpserver",
      false, "com.sun.net.httpserver.Filter$Chain", named("doFilter").and(takesArguments(1)),
      JdkHttpServerInstrumentation.class.getName() + "$DoFilterAdvice"));

  private JdkHttpServerInstrumentation() {}

  static final class DoFilterAdvice {
    /** Skips the chain (returns true) when a policy refused the request and it was answered here. */
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) HttpExchange exchange,
        @Advice.Local("call") HttpServerCall call) throws Exception {
      if (Dispatch.httpServerActive()) {
        return false;
      }
      URI uri = exchange.getRequestURI();
      call = Dispatch.httpServerStart(HttpCalls.JDK_HTTP_SERVER, exchange.getRequestMethod(),
          uri.getPath(), uri.getRawQuery(), exchange.getHttpContext().getPath(), exchange);
      HttpRefusal refusal = call == null ? null : call.refusalAnswer();
      if (refusal == null) {
        return false;
      }
      try {
        String[] headers = refusal.headers();
        for (int i = 0; i + 1 < headers.length; i += 2) {
          exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        int status = refusal.status();
        byte[] body = refusal.body();
        boolean withBody = body.length > 0 && status >= 200 && status != 204 && status != 304
            && !exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, withBody ? body.length : -1);
        if (withBody) {
          exchange.getResponseBody().write(body);
        }
      } catch (Throwable t) {
        // answered as far as it went (the client left?); the handler must not run either way
      }
      exchange.close();
      return true;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) HttpExchange exchange, @Advice.Local("call") HttpServerCall call,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        call.end(exchange.getResponseCode(), error);
      }
    }
  }
}
