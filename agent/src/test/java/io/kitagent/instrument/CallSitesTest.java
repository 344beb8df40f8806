package io.kitagent.instrument;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import io.kitagent.config.LogPolicy;
import io.kitagent.config.LoggingSettings;
import io.kitagent.logging.EventLog;
import io.kitagent.logging.MethodLogger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallSitesTest {

  private static final String CLASS = "com.example.orders.OrderService";
  private static final LogPolicy WITH_ARGS = new LogPolicy(Level.INFO, true, false, Set.of());

  @TempDir
  Path dir;

  private Path file;
  private EventLog log;
  private final CallSites sites = new CallSites();

  @BeforeEach
  void openLog() throws IOException {
    file = dir.resolve("events.log");
    log = EventLog.open("orders", new LoggingSettings(Level.INFO, LogFormat.LOGFMT, file.toString()));
  }

  @AfterEach
  void closeLog() {
    Dispatch.uninstall(sites);
    log.close();
  }

  private CallSite site(String method, LogPolicy policy) {
    return new CallSite(CLASS, method, null, new MethodLogger(log, CLASS, method, new String[] {"item"}, policy));
  }

  /** Closes the log, which waits until every queued line is written, and reads the lines. */
  private List<String> writtenLines() throws IOException {
    log.close();
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private List<String> loggedMethods() throws IOException {
    List<String> methods = new ArrayList<>();
    for (String line : writtenLines()) {
      for (String field : line.split(" ")) {
        if (field.startsWith("method=")) {
          methods.add(field.substring("method=".length()));
        }
      }
    }
    return methods;
  }

  @Test
  void handsOutConsecutiveIdsFromZero() {
    assertEquals(0, sites.register(site("a", LogPolicy.DEFAULT)));
    assertEquals(1, sites.register(site("b", LogPolicy.DEFAULT)));
    assertEquals(2, sites.register(site("c", LogPolicy.DEFAULT)));
    assertEquals(3, sites.size());
  }

  @Test
  void namesASiteByClassAndMethod() {
    assertEquals(CLASS + "#placeOrder", site("placeOrder", LogPolicy.DEFAULT).name());
  }

  @Test
  void dispatchesAnExitWithValuesToTheSiteOfThatId() throws IOException {
    sites.register(site("first", WITH_ARGS));
    int id = sites.register(site("placeOrder", WITH_ARGS));

    sites.exit(id, sites.enter(id), new Object[] {"book"}, null, null);

    List<String> lines = writtenLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains(" method=placeOrder "), lines.get(0));
    assertTrue(lines.get(0).contains(" args.item=book"), lines.get(0));
  }

  @Test
  void dispatchesAnExitWithoutValuesToTheSiteOfThatId() throws IOException {
    int id = sites.register(site("cancel", LogPolicy.DEFAULT));

    sites.exit(id, sites.enter(id), new IllegalStateException("too late"));

    List<String> lines = writtenLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains(" method=cancel "), lines.get(0));
    assertTrue(lines.get(0).contains(" outcome=error "), lines.get(0));
  }

  @Test
  void receivesCallsThroughTheBootstrapDispatchOnceInstalled() throws IOException {
    int id = sites.register(site("placeOrder", WITH_ARGS));
    assertTrue(Dispatch.install(sites));

    Dispatch.exit(id, Dispatch.enter(id), new Object[] {"book"}, "ok", null);

    assertEquals(List.of("placeOrder"), loggedMethods());
  }

  @Test
  void startsTheClockOnEnter() {
    long before = System.nanoTime();
    long start = sites.enter(0);
    long after = System.nanoTime();

    assertTrue(before <= start && start <= after);
  }

  @Test
  void keepsEverySiteReachableWhenMoreThan64AreRegistered() throws IOException {
    for (int i = 0; i < 200; i++) {
      assertEquals(i, sites.register(site("m" + i, LogPolicy.DEFAULT)));
    }

    for (int id : new int[] {0, 63, 64, 127, 128, 199}) {
      sites.exit(id, sites.enter(id), null);
    }

    assertEquals(200, sites.size());
    assertEquals(List.of("m0", "m63", "m64", "m127", "m128", "m199"), loggedMethods());
  }

  @Test
  void onlyTheFirstHandlerIsInstalledSoASecondAgentCannotTakeOverWovenIds() {
    CallSites second = new CallSites();
    assertTrue(Dispatch.install(sites));

    assertFalse(Dispatch.install(second));

    Dispatch.uninstall(second);
    assertFalse(Dispatch.install(second), "uninstall by a non-owner changes nothing");
  }

  @Test
  void anApplicationStackOverflowDoesNotSwitchTheSiteOff() throws IOException {
    int id = sites.register(site("placeOrder", LogPolicy.DEFAULT));
    Thread overflowing = new Thread(null, () -> recurseIntoExit(id), "deep", 64 * 1024);
    overflowing.start();
    assertDoesNotThrow(() -> overflowing.join());

    sites.exit(id, System.nanoTime(), null);

    assertTrue(loggedMethods().contains("placeOrder"), "the site still logs");
  }

  /** Recurses until the stack is nearly gone, calling the site's exit at every depth. */
  private void recurseIntoExit(int id) {
    try {
      sites.exit(id, System.nanoTime(), null);
      recurseIntoExit(id);
    } catch (StackOverflowError expected) {
      // the application's overflow; the site must survive it
    }
  }

  @Test
  void ignoresIdsThatWereNeverHandedOut() throws IOException {
    sites.register(site("only", LogPolicy.DEFAULT));

    assertDoesNotThrow(() -> sites.exit(1, 0L, null));
    assertDoesNotThrow(() -> sites.exit(63, 0L, new Object[0], null, null));
    assertDoesNotThrow(() -> sites.exit(10_000, 0L, null));
    assertDoesNotThrow(() -> sites.exit(-1, 0L, null));

    assertEquals(List.of(), writtenLines());
  }

  @Test
  void aSiteWithoutLoggerDoesNothing() throws IOException {
    CallSite silent = new CallSite(CLASS, "quiet", null, null);
    int id = sites.register(silent);

    assertDoesNotThrow(() -> sites.exit(id, 0L, new Object[] {"x"}, "y", null));

    assertFalse(silent.wantsValues());
    assertEquals(List.of(), writtenLines());
  }

  @Test
  void switchesOffASiteWhosePolicyThrowsAndKeepsTheOthersWorking() throws IOException {
    AtomicInteger rendered = new AtomicInteger();
    Object countingArgument = new Object() {
      @Override
      public String toString() {
        rendered.incrementAndGet();
        return "book";
      }
    };
    // A null class name makes MethodLogger.record throw (a NullPointerException while writing the
    // "class" field), after it has rendered the arguments.
    CallSite broken = new CallSite(CLASS, "broken", null,
        new MethodLogger(log, null, "broken", new String[] {"item"}, WITH_ARGS));
    int brokenId = sites.register(broken);
    int healthyId = sites.register(site("healthy", WITH_ARGS));

    assertDoesNotThrow(() -> sites.exit(brokenId, 0L, new Object[] {countingArgument}, null, null));
    assertEquals(1, rendered.get(), "the first call reached the broken policy");

    assertDoesNotThrow(() -> sites.exit(brokenId, 0L, new Object[] {countingArgument}, null, null));
    assertDoesNotThrow(() -> sites.exit(brokenId, 0L, null));
    assertEquals(1, rendered.get(), "later calls never reach the switched-off site");

    sites.exit(healthyId, sites.enter(healthyId), new Object[] {"pen"}, null, null);
    assertEquals(List.of("healthy"), loggedMethods());
  }

  @Test
  void handsOutNewIdsAfterASiteWasSwitchedOff() {
    CallSite broken = new CallSite(CLASS, "broken", null,
        new MethodLogger(log, null, "broken", new String[0], LogPolicy.DEFAULT));
    int brokenId = sites.register(broken);
    sites.exit(brokenId, 0L, null);

    assertEquals(brokenId + 1, sites.register(site("next", LogPolicy.DEFAULT)));
  }
}
