package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.net.HttpURLConnection} (and HTTPS, whose implementation delegates to the same class):
 * the JDK's implementation class, in {@code java.base}, reaches the agent only through
 * {@link Dispatch}. See {@code UrlConnections} for when a request starts and ends. A refused request
 * fails with an {@code IOException} from whichever of {@code connect}, {@code getOutputStream} and
 * {@code getInputStream} the application calls, every time: the connection cannot be handed a
 * response without setting its private fields.
 */
final class UrlConnectionInstrumentation {

  private static final String TYPE = "sun.net.www.protocol.http.HttpURLConnection";

  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(
      new HttpInstrumentation("urlconnection", true, TYPE,
          named("connect").or(named("getOutputStream")).and(takesNoArguments()),
          advice("StartAdvice"), advice("ConnectedAdvice")),
      new HttpInstrumentation("urlconnection", true, TYPE,
          named("getInputStream").and(takesNoArguments()),
          advice("StartAdvice"), advice("ResponseAdvice")));

  private UrlConnectionInstrumentation() {}

  private static String advice(String name) {
    return UrlConnectionInstrumentation.class.getName() + "$" + name;
  }

  static final class StartAdvice {
    /** The refusal (the method is skipped), else the call to record, or null. */
    @Advice.OnMethodEnter(skipOn = HttpRefusal.class, suppress = Throwable.class)
    static Object enter(@Advice.This HttpURLConnection connection,
        @Advice.FieldValue(value = "url", readOnly = false) URL url,
        @Advice.FieldValue("connected") boolean connected) {
      HttpClientCall call = Dispatch.urlConnectionStart(connection);
      if (call == null) {
        return null;
      }
      HttpRefusal refusal = call.refusalAnswer();
      if (refusal != null) {
        return refusal;
      }
      if (!connected) {
        try {
          String target = call.target();
          if (target != null) {
            url = new URL(target);
          }
          String[] headers = call.headers();
          for (int i = 0; i + 1 < headers.length; i += 2) {
            connection.setRequestProperty(headers[i], headers[i + 1]);
          }
        } catch (Throwable t) {
          // the request goes as the application made it
        }
      }
      return call;
    }
  }

  /** Connected or the body stream opened: the response is still to come, unless it failed. */
  static final class ConnectedAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("responseCode") int status, @Advice.Thrown(readOnly = false) Throwable error) {
      if (token instanceof HttpRefusal) {
        HttpRefusal refusal = (HttpRefusal) token;
        error = refusal.error();
        refusal.clientCall().end(-1, error, null);
        return;
      }
      HttpClientCall call = (HttpClientCall) token;
      if (call != null) {
        if (error == null) {
          call.detach();
        } else {
          call.end(status, error, connection);
        }
      }
    }
  }

  /** A 404 throws FileNotFoundException here, yet it is a response: the status tells. */
  static final class ResponseAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("responseCode") int status, @Advice.Thrown(readOnly = false) Throwable error) {
      if (token instanceof HttpRefusal) {
        HttpRefusal refusal = (HttpRefusal) token;
        error = refusal.error();
        refusal.clientCall().end(-1, error, null);
        return;
      }
      HttpClientCall call = (HttpClientCall) token;
      if (call != null) {
        call.end(status, error, connection);
      }
    }
  }
}
