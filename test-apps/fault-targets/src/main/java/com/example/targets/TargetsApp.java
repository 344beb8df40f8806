package com.example.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls the methods of {@link Targets} as its arguments say, prints what each gave, then waits to be
 * stopped (so that its metrics can be read).
 *
 * <pre>
 * all              each method once: "name -> value" or "name -> threw Class: message"
 * sometimes N      sometimes(i) N times: "sometimes refused=R of N"
 * slow             slow() once: "slow took N ms"
 * hammer T MS      T threads call limited(i) for MS ms: "hammer admitted=A refused=R millis=M"
 * crowd T MS       T threads call busy(MS) at once: "crowd admitted=A refused=R most_at_once=C"
 * flaky N          flaky() N times: "flaky ok=A failed=F"
 * broken N         broken() N times: "broken failed=F"
 * </pre>
 * Then "bodies=N": how many method bodies ran, and "done"; with {@code EXIT} set in the environment,
 * {@code main} then returns, else it waits to be stopped.
 */
public final class TargetsApp {

  private TargetsApp() {}

  public static void main(String[] args) throws InterruptedException {
    Targets targets = new Targets();
    switch (args.length == 0 ? "all" : args[0]) {
      case "all" -> {
        report("act", () -> {
          targets.act();
          return "returned";
        });
        report("actQuietly", () -> {
          targets.actQuietly();
          return "returned";
        });
        report("number", targets::number);
        report("big", targets::big);
        report("flag", targets::flag);
        report("text", targets::text);
        report("item", targets::item);
      }
      case "sometimes" -> {
        int calls = Integer.parseInt(args[1]);
        int refused = 0;
        for (int i = 0; i < calls; i++) {
          try {
            targets.sometimes(i);
          } catch (RuntimeException e) {
            refused++;
          }
        }
        System.out.println("sometimes refused=" + refused + " of " + calls);
      }
      case "slow" -> {
        long start = System.nanoTime();
        targets.slow();
        System.out.println("slow took " + (System.nanoTime() - start) / 1_000_000 + " ms");
      }
      case "hammer" -> hammer(targets, Integer.parseInt(args[1]), Long.parseLong(args[2]));
      case "crowd" -> crowd(targets, Integer.parseInt(args[1]), Long.parseLong(args[2]));
      case "flaky" -> repeat("flaky", targets::flaky, Integer.parseInt(args[1]));
      case "broken" -> repeat("broken", targets::broken, Integer.parseInt(args[1]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
    System.out.println("bodies=" + Targets.BODIES.get());
    System.out.println("done");
    if (System.getenv("EXIT") == null) {
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static void hammer(Targets targets, int threads, long millis) throws InterruptedException {
    AtomicLong admitted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    long[] took = new long[1];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
          try {
            targets.limited(i);
            admitted.incrementAndGet();
          } catch (RuntimeException e) {
            refused.incrementAndGet();
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    long begin = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    took[0] = (System.nanoTime() - begin) / 1_000_000;
    System.out.println("hammer admitted=" + admitted + " refused=" + refused + " millis=" + took[0]);
  }

  private static void crowd(Targets targets, int threads, long millis) throws InterruptedException {
    AtomicLong admitted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
          targets.busy(millis);
          admitted.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          refused.incrementAndGet();
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("crowd admitted=" + admitted + " refused=" + refused + " most_at_once="
        + Targets.MOST_AT_ONCE.get());
  }

  private static void repeat(String name, Callable<Object> call, int times) {
    int ok = 0;
    int failed = 0;
    for (int i = 0; i < times; i++) {
      try {
        call.call();
        ok++;
      } catch (Exception e) {
        failed++;
      }
    }
    System.out.println(name + " ok=" + ok + " failed=" + failed);
  }

  private static void report(String name, Callable<Object> call) {
    try {
      System.out.println(name + " -> " + call.call());
    } catch (Exception e) {
      System.out.println(name + " -> threw " + e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
