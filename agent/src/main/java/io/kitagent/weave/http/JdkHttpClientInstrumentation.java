package io.kitagent.weave.http;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpRefusal;
import io.kitagent.bootstrap.SyntheticResponse;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code java.net.http.HttpClient}: {@code send} and both {@code sendAsync} meet in one private
 * {@code sendAsync}, which returns the response's future; the request is recorded when that completes.
 * A refused request is not sent: the future completes at once with a response made here (through
 * the request's own body handler, so the application gets the body type it asked for), or fails with
 * an {@code IOException}. With a retry policy the request is sent with a body handler of the agent's,
 * which sees each attempt's status first, and sent again through the public {@code sendAsync} of the
 * client's facade (held, so that the client lives while a retry waits), whose nested call here finds
 * the same request; a request with a push-promise handler is not retried.
 */
final class JdkHttpClientInstrumentation {

  static final List<HttpInstrumentation> INSTRUMENTATIONS = List.of(new HttpInstrumentation("jdk-httpclient", true,
      "jdk.internal.net.http.HttpClientImpl", named("sendAsync").and(isPrivate()).and(takesArguments(4)),
      JdkHttpClientInstrumentation.class.getName() + "$SendAdvice"));

  private JdkHttpClientInstrumentation() {}

  static final class SendAdvice {
    /** The refusal (the send is skipped), else the call to record, or null. */
    @Advice.OnMethodEnter(skipOn = HttpRefusal.class, suppress = Throwable.class)
    static Object enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler<?> handler,
        @Advice.Argument(2) Object pushes, @Advice.FieldValue("facadeRef") WeakReference<?> facade) {
      URI uri = request.uri();
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      HttpClientCall call = Dispatch.httpClientStart(HttpCalls.JDK_HTTP_CLIENT, request.method(), uri,
          null, uri.getHost(), port);
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
          HttpRequest.Builder builder = HttpRequest.newBuilder(request, HttpClientCall.ALL_HEADERS);
          if (target != null) {
            builder.uri(URI.create(target));
          }
          for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
          }
          request = builder.build();
        }
        handler = (HttpResponse.BodyHandler<?>) call.retrying(handler, facade.get(), request, pushes == null);
      } catch (Throwable t) {
        // the request goes as the application made it
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void exit(@Advice.Enter Object token, @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(1) HttpResponse.BodyHandler handler,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) CompletableFuture future,
        @Advice.Thrown Throwable error) {
      HttpClientCall call;
      if (token instanceof HttpRefusal) {
        HttpRefusal refusal = (HttpRefusal) token;
        call = refusal.clientCall();
        future = CompletableFuture.failedFuture(refusal.error());
        if (refusal.status() > 0) {
          try {
            SyntheticResponse synthetic = refusal.synthetic().of(
                HttpHeaders.of(refusal.headerMap(), HttpClientCall.ALL_HEADERS), request, request.uri(),
                HttpClient.Version.HTTP_1_1, HttpResponse.class);
            HttpResponse.ResponseInfo info = (HttpResponse.ResponseInfo) Proxy.newProxyInstance(
                HttpResponse.class.getClassLoader(), new Class<?>[] {HttpResponse.ResponseInfo.class}, synthetic);
            HttpResponse.BodySubscriber subscriber = handler.apply(info);
            subscriber.onSubscribe(synthetic);
            subscriber.onNext(List.of(ByteBuffer.wrap(refusal.body())));
            subscriber.onComplete();
            future = subscriber.getBody().toCompletableFuture().thenApply(synthetic);
          } catch (Throwable t) {
            // answered with the IOException instead
          }
        }
      } else {
        call = (HttpClientCall) token;
      }
      if (call == null) {
        return;
      }
      if (future == null) {
        call.end(-1, error, null);
      } else {
        call.detach();
        try {
          future = call.follow(future);
        } catch (Throwable t) {
          future.whenComplete(call);
        }
      }
    }
  }
}
