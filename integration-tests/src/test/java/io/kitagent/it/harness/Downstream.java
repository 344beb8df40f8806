package io.kitagent.it.harness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The downstream test-app, started without the agent, steered over its control port: to answer a
 * status, be slow, refuse connections, or recover; and asked how many requests reached it.
 */
public final class Downstream {

  private static final Pattern CONTROL = Pattern.compile("control listening on port (\\d+)");

  private final RunningApp app;
  private final int control;

  private Downstream(RunningApp app) {
    this.app = app;
    Matcher m = CONTROL.matcher(app.awaitStdout(line -> CONTROL.matcher(line).find()));
    m.find();
    this.control = Integer.parseInt(m.group(1));
  }

  /** One instance called {@code name} on {@code port} (0: a free one). */
  public static Downstream start(Apps apps, String name, int port) {
    return new Downstream(apps.start(TestApp.named("downstream").env("NAME", name).env("PORT", Integer.toString(port))));
  }

  /** The same, stopped with the other apps of {@code shared}. */
  public static Downstream start(SharedApps shared, String name, int port) {
    return new Downstream(shared.start(TestApp.named("downstream").env("NAME", name)
        .env("PORT", Integer.toString(port))));
  }

  public int port() {
    return app.port();
  }

  public void ok() {
    mode("ok");
  }

  public void fail(int status) {
    mode("fail&status=" + status);
  }

  /** Answers {@code status} to the next {@code times} requests, then 200 again. */
  public void fail(int status, int times) {
    mode("fail&status=" + status + "&times=" + times);
  }

  public void slow(int delayMillis) {
    mode("slow&delay=" + delayMillis);
  }

  /** Closes its service port: connections to it are refused until another mode opens it again. */
  public void refuse() {
    mode("refuse");
  }

  /** How many requests its service port has answered. */
  public long count() {
    return Long.parseLong(Http.get(control, "/count").body().trim());
  }

  private void mode(String query) {
    int status = Http.get(control, "/mode?set=" + query).statusCode();
    if (status != 200) {
      throw new AssertionError("the downstream did not take mode " + query + ": " + status);
    }
  }
}
