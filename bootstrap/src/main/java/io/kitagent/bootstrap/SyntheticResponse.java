package io.kitagent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A response of the JDK's {@code java.net.http} client made without sending the request, for a
 * refused request. The agent cannot name {@code java.net.http} types (they are in the platform class
 * loader, this class in the boot loader), so the advice, which can, hands over the pieces (headers,
 * request, version, the response interface) and this answers the interface's methods through
 * {@link Proxy}. It is also the subscription through which the body handler receives the body, and
 * the function that turns the body into the response.
 */
public final class SyntheticResponse implements InvocationHandler, Flow.Subscription, Function<Object, Object> {

  private final HttpRefusal refusal;
  private Object headers;
  private Object request;
  private Object uri;
  private Object version;
  private Class<?> responseType;
  private Object body;

  SyntheticResponse(HttpRefusal refusal) {
    this.refusal = refusal;
  }

  /**
   * {@code headers} is the {@code HttpHeaders}, {@code request} the {@code HttpRequest} and {@code uri}
   * its URI, {@code version} the {@code HttpClient.Version}; {@code responseType} is {@code HttpResponse}.
   */
  public SyntheticResponse of(Object headers, Object request, Object uri, Object version, Class<?> responseType) {
    this.headers = headers;
    this.request = request;
    this.uri = uri;
    this.version = version;
    this.responseType = responseType;
    return this;
  }

  /** The response, once the body handler has turned the body into {@code body}. */
  @Override
  public Object apply(Object body) {
    this.body = body;
    return Proxy.newProxyInstance(responseType.getClassLoader(), new Class<?>[] {responseType}, this);
  }

  /** {@code HttpResponse} and {@code HttpResponse.ResponseInfo}, method by method. */
  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args); // a method a later JDK added
    }
    switch (method.getName()) {
      case "statusCode":
        return refusal.status();
      case "headers":
        return headers;
      case "body":
        return body;
      case "request":
        return request;
      case "uri":
        return uri;
      case "version":
        return version;
      case "previousResponse":
      case "sslSession":
        return Optional.empty();
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "(refused by kit-agent) " + refusal.status();
      default:
        throw new UnsupportedOperationException(method.getName() + " of a response made by kit-agent");
    }
  }

  /** The body arrives all at once: nothing to request, nothing to cancel. */
  @Override
  public void request(long n) {}

  @Override
  public void cancel() {}
}
