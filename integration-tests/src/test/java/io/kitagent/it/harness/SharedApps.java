package io.kitagent.it.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link Apps} for test-apps that several tests of a class share, because starting JVMs is what costs:
 * the first test that asks for a key starts them, later tests get the same ones, and all are stopped
 * (through {@link Apps}) after the last test of the class, pass or fail. When a test fails, each shared
 * app's command and output so far is printed. Register it static:
 *
 * <pre>{@code @RegisterExtension static final SharedApps shared = new SharedApps();
 * Pair pair = shared.get("pair on " + jdk, apps -> new Pair(apps.start(a), apps.start(b)));}</pre>
 *
 * Tests that share apps must not depend on each other's requests: they compare with a scrape or an
 * output position taken when they begin.
 */
public final class SharedApps implements AfterEachCallback, AfterAllCallback {

  private final Apps apps = new Apps();
  private final List<RunningApp> started = new ArrayList<>();
  private final Map<String, Object> byKey = new HashMap<>();

  /** What {@code key} names, made by {@code start} (which starts its apps with {@link #start}) on first use. */
  public synchronized <T> T get(String key, Function<SharedApps, T> start) {
    @SuppressWarnings("unchecked")
    T found = (T) byKey.get(key);
    if (found == null) {
      found = start.apply(this);
      byKey.put(key, found);
    }
    return found;
  }

  public synchronized RunningApp start(TestApp app) {
    RunningApp running = apps.start(app);
    started.add(running);
    return running;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      for (RunningApp app : started) {
        System.out.println("[harness] " + context.getDisplayName() + " (shared app)\n" + app.describe());
      }
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    apps.afterEach(context);
    started.clear();
    byKey.clear();
  }
}
