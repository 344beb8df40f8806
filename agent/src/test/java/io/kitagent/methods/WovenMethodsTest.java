package io.kitagent.methods;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.bootstrap.Dispatch;
import io.kitagent.bootstrap.RefusedException;
import io.kitagent.config.Level;
import io.kitagent.config.LogFormat;
import io.kitagent.logging.LogPolicy;
import io.kitagent.logging.LoggingSettings;
import io.kitagent.core.AgentThread;
import io.kitagent.core.AgentWork;
import io.kitagent.core.Call;
import io.kitagent.core.Calls;
import io.kitagent.core.Chain;
import io.kitagent.core.MethodSite;
import io.kitagent.core.Policy;
import io.kitagent.core.Refusal;
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

class WovenMethodsTest {

  private static final String CLASS = "com.example.orders.OrderService";
  private static final LogPolicy WITH_ARGS = new LogPolicy(Level.INFO, true, false, Set.of());

  @TempDir
  Path dir;

  private Path file;
  private EventLog log;
  private final WovenMethods sites = new WovenMethods();

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

  private static MethodSite site(String method) {
    return new MethodSite(CLASS, method, new String[] {"item"}, true, "java.lang.Object");
  }

  private int register(String method, Policy... policies) {
    return sites.register(site(method), Chain.of(CLASS + "#" + method, List.of(policies)));
  }

  private int logged(String method, LogPolicy policy) {
    return register(method, new MethodLogger(log, CLASS, method, new String[] {"item"}, policy));
  }

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
    assertEquals(0, logged("a", LogPolicy.DEFAULT));
    assertEquals(1, logged("b", LogPolicy.DEFAULT));
    assertEquals(2, logged("c", LogPolicy.DEFAULT));
    assertEquals(3, sites.size());
  }

  @Test
  void dispatchesAnExitWithValuesToTheSiteOfThatId() throws IOException {
    logged("first", WITH_ARGS);
    int id = logged("placeOrder", WITH_ARGS);

    sites.exit(id, sites.enter(id), new Object[] {"book"}, null, null);

    List<String> lines = writtenLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains(" method=placeOrder "), lines.get(0));
    assertTrue(lines.get(0).contains(" args.item=book"), lines.get(0));
  }

  @Test
  void receivesCallsThroughTheBootstrapDispatchOnceInstalled() throws IOException {
    int id = logged("placeOrder", WITH_ARGS);
    assertTrue(Dispatch.install(sites));

    Dispatch.exit(id, Dispatch.enter(id), new Object[] {"book"}, "ok", null);

    assertEquals(List.of("placeOrder"), loggedMethods());
  }

  @Test
  void keepsEverySiteReachableWhenMoreThan64AreRegistered() throws IOException {
    for (int i = 0; i < 200; i++) {
      assertEquals(i, logged("m" + i, LogPolicy.DEFAULT));
    }

    for (int id : new int[] {0, 63, 64, 127, 128, 199}) {
      sites.exit(id, sites.enter(id), null);
    }

    assertEquals(200, sites.size());
    assertEquals(List.of("m0", "m63", "m64", "m127", "m128", "m199"), loggedMethods());
  }

  @Test
  void onlyTheFirstHandlerIsInstalledSoASecondAgentCannotTakeOverWovenIds() {
    WovenMethods second = new WovenMethods();
    assertTrue(Dispatch.install(sites));

    assertFalse(Dispatch.install(second));

    Dispatch.uninstall(second);
    assertFalse(Dispatch.install(second), "uninstall by a non-owner changes nothing");
  }

  @Test
  void ignoresIdsThatWereNeverHandedOut() throws IOException {
    logged("only", LogPolicy.DEFAULT);

    assertNull(sites.enter(1));
    assertDoesNotThrow(() -> sites.exit(1, new Object(), null));
    assertDoesNotThrow(() -> sites.exit(63, new Object(), new Object[0], null, null));
    assertDoesNotThrow(() -> sites.exit(10_000, new Object(), null));
    assertDoesNotThrow(() -> sites.exit(-1, new Object(), null));

    assertEquals(List.of(), writtenLines());
  }

  @Test
  void aSiteWhoseLogIsBelowTheLevelTakesNoFrameAndWritesOnlyFailures() throws IOException {
    int id = logged("quiet", new LogPolicy(Level.DEBUG, false, false, Set.of()));

    Object token = sites.enter(id);
    assertFalse(token instanceof Call, "no frame, no clock: nothing to carry to the exit");
    sites.exit(id, token, null);
    sites.exit(id, sites.enter(id), new IllegalStateException("boom"));

    List<String> lines = writtenLines();
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).contains(" level=error ") && lines.get(0).contains(" method=quiet "), lines.get(0));
    assertFalse(lines.get(0).contains("duration_ms"), "no clock was read for it: " + lines.get(0));
  }

  @Test
  void aCallMadeDuringTheAgentsOwnWorkRunsUninstrumented() throws IOException {
    Counting counting = new Counting();
    int id = register("nested", counting);

    AgentThread own = AgentWork.begin();
    try {
      Object token = sites.enter(id);
      assertNull(token);
      sites.exit(id, token, null);
    } finally {
      AgentWork.end(own);
    }
    sites.exit(id, sites.enter(id), null);

    assertEquals(1, counting.befores.get());
    assertEquals(1, counting.afters.get());
  }

  @Test
  void aRefusedCallThrowsTheDocumentedExceptionNamingItsReason() {
    Refusing refusing = new Refusing();
    Counting inside = new Counting();
    int id = register("placeOrder", refusing, inside);

    Object call = sites.enter(id);

    assertTrue(sites.refused(call));
    Throwable error = sites.refusalError(id, call);
    RefusedException refused = assertInstanceOf(RefusedException.class, error);
    assertEquals("test", refused.reason());
    assertTrue(refused.getMessage().contains("refused by kit-agent test") && refused.getMessage().contains(CLASS
        + "#placeOrder"), refused.getMessage());
    sites.exit(id, call, error);
    assertEquals(0, inside.befores.get());
    assertEquals(1, inside.skipped.get());
    assertEquals(1, refusing.afters.get());
  }

  @Test
  void everyFrameOfADeepRecursionIsEndedEvenWhenTheStackOverflows() throws InterruptedException {
    Counting counting = new Counting();
    int id = register("deep", counting);
    for (int run = 0; run < 20; run++) {
      AtomicInteger depth = new AtomicInteger();
      AtomicInteger left = new AtomicInteger(-1);
      Thread overflowing = new Thread(null, () -> {
        try {
          recurse(id, depth);
        } catch (StackOverflowError expected) {
          // the application's overflow passes through every woven frame
        }
        left.set(Calls.depth());
      }, "deep", 256 * 1024);
      overflowing.start();
      overflowing.join();

      assertTrue(depth.get() > 100, "recursed " + depth.get());
      assertEquals(0, left.get(), "run " + run + ": no call is left on the thread's stack");
      assertEquals(counting.befores.get(), counting.releases.get(), "run " + run + ": every call that entered "
          + "gave back what it held, " + counting.befores.get() + " of them; afters " + counting.afters.get());
    }
  }

  /** What the guarded advice does around a woven recursive method, down to the overflow. */
  private void recurse(int id, AtomicInteger depth) {
    Object call = null;
    try {
      call = sites.enter(id);
    } catch (Throwable suppressed) {
      // the advice suppresses what the agent throws
    }
    Throwable error = null;
    try {
      depth.incrementAndGet();
      recurse(id, depth);
    } catch (Throwable t) {
      error = t;
    }
    try {
      sites.exit(id, call, error);
    } catch (Throwable suppressed) {
      // as the advice does
    }
    if (error instanceof StackOverflowError overflow) {
      throw overflow;
    }
  }

  @Test
  void theOutermostExitEndsFramesWhoseExitWasLost() {
    Counting counting = new Counting();
    int id = register("lost", counting);

    Object outer = sites.enter(id);
    Object inner = sites.enter(id);
    assertNotNull(inner);
    sites.exit(id, outer, null); // the inner exit never came

    assertEquals(2, counting.befores.get());
    assertEquals(2, counting.releases.get());
    assertEquals(2, counting.afters.get());
    assertSame(StackOverflowError.class, counting.lastError.getClass(), "the lost call counts as an overflow");
  }

  @Test
  void aLeafCallLeftOnTheStackIsEndedByTheNextCallOfItsThread() {
    FailingOnce failing = new FailingOnce();
    int id = register("leaf", failing);

    sites.exit(id, sites.enter(id), null); // its release overflows: the frame has to stay
    assertEquals(1, Calls.depth(), "still held, with no outer frame to end it");
    sites.exit(id, sites.enter(id), null);

    assertEquals(0, Calls.depth());
    assertEquals(2, failing.befores.get());
    assertEquals(2, failing.releases.get(), "each call gave back what it held, once");
  }

  /** Holds a count whose first release fails as at the bottom of a full stack. */
  static final class FailingOnce extends Counting {
    private boolean failed;

    @Override
    public void release(Call call) {
      if (!failed) {
        failed = true;
        throw new StackOverflowError();
      }
      super.release(call);
    }
  }

  /** Counts its steps; holds an in-flight count as the metrics policy does. */
  static class Counting implements Policy {
    final AtomicInteger befores = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    final AtomicInteger afters = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    volatile Throwable lastError;

    @Override
    public boolean holds() {
      return true;
    }

    @Override
    public void release(Call call) {
      releases.incrementAndGet();
    }

    @Override
    public Refusal before(Call call) {
      befores.incrementAndGet();
      return null;
    }

    @Override
    public void after(Call call) {
      afters.incrementAndGet();
      lastError = call.error();
    }

    @Override
    public void skipped(Call call) {
      skipped.incrementAndGet();
    }
  }

  /** Refuses every call. */
  static final class Refusing implements Policy {
    final AtomicInteger afters = new AtomicInteger();

    @Override
    public boolean mayRefuse() {
      return true;
    }

    @Override
    public Refusal before(Call call) {
      return new Refusal("test", null, null);
    }

    @Override
    public void after(Call call) {
      afters.incrementAndGet();
    }
  }
}
