package io.kitagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that starts test-apps and stops every one after each test, pass or fail; on a
 * failure it prints each app's command and output, which is usually the whole story.
 *
 * <pre>{@code @RegisterExtension final Apps apps = new Apps();
 * RunningApp orders = apps.start(TestApp.named("orders").withAgent(config));}</pre>
 */
public final class Apps implements AfterEachCallback {

  private final List<RunningApp> running = new ArrayList<>();

  public RunningApp start(TestApp app) {
    try {
      RunningApp started = app.start();
      running.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + app.name(), e);
    }
  }

  /**
   * Starts any program (a Prometheus, an etcd) under the same care as a test-app: output collected,
   * stopped after the test. Fails with a hint when the program is not installed.
   */
  public RunningApp startCommand(String name, List<String> command) {
    try {
      RunningApp started = new RunningApp(name, String.join(" ", command), new ProcessBuilder(command).start());
      running.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "); is it installed? "
          + "scripts/install-test-tools installs what the tests need", e);
    }
  }

  /** A port that was free a moment ago, for programs that cannot be told to pick their own. */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (RunningApp app : running) {
      if (context.getExecutionException().isPresent()) {
        System.out.println("[harness] " + context.getDisplayName() + "\n" + app.describe());
      }
      app.close();
    }
    running.clear();
  }
}
