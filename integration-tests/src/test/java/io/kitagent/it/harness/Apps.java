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
