package com.example.bench;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.HttpCalls;
import io.kitagent.bootstrap.HttpClientCall;
import io.kitagent.bootstrap.HttpServerCall;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to one HTTP request, alone: the calls that the woven advice of every library
 * makes, start and end, with the arguments a loopback request gives. Under the agent
 * ({@code scripts/bench-http}) they reach its HTTP runtime; without it, the dispatch's no-op. A
 * loopback request through a real client is too noisy on a small machine to show a few percent, this
 * is not: its time over a request's time bounds the added latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HttpHookBenchmark {

  private static final String URL = "http://127.0.0.1:8080/ping";
  private static final String GUARDED = "http://127.0.0.1:8081/ping";
  private static final String LOGICAL = "http://inventory/ping";

  @Benchmark
  public boolean clientRequest() {
    HttpClientCall call = Dispatch.httpClientStart(HttpCalls.OKHTTP, "GET", URL, null, "127.0.0.1", 8080);
    if (call == null || call.refusalAnswer() != null) {
      return false;
    }
    call.end(200, null, null);
    return true;
  }

  /** The same request to a service with a breaker and a limiter (bench-http-hooks.yaml): their added cost. */
  @Benchmark
  public boolean clientRequestToAGuardedService() {
    HttpClientCall call = Dispatch.httpClientStart(HttpCalls.OKHTTP, "GET", GUARDED, null, "127.0.0.1", 8081);
    if (call == null || call.refusalAnswer() != null) {
      return false;
    }
    call.end(200, null, null);
    return true;
  }

  /** {@code clientRequest} to a service's logical name, sent to one of its instances (discovery). */
  @Benchmark
  public boolean clientRequestToALogicalName() {
    HttpClientCall call = Dispatch.httpClientStart(HttpCalls.OKHTTP, "GET", LOGICAL, null, "inventory", 80);
    if (call == null || call.refusalAnswer() != null || call.target() == null) {
      return false;
    }
    call.end(200, null, null);
    return true;
  }

  @Benchmark
  public boolean serverRequest() {
    HttpServerCall call = Dispatch.httpServerStart(HttpCalls.JDK_HTTP_SERVER, "GET", "/ping", null, "/ping", null);
    if (call == null || call.refusalAnswer() != null) {
      return false;
    }
    call.end(200, null);
    return true;
  }
}
