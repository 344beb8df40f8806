package com.example.targets;

import java.util.concurrent.Callable;

/**
 * Calls the methods of {@link Targets} as its arguments say, prints what each gave, then waits to be
 * stopped (so that its metrics can be read).
 *
 * <pre>
 * all              each method once: "name -> value" or "name -> threw Class: message"
 * sometimes N      sometimes(i) N times: "sometimes refused=R of N"
 * slow             slow() once: "slow took N ms"
 * </pre>
 * Then "bodies=N": how many method bodies ran, and "done".
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
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
    System.out.println("bodies=" + Targets.BODIES.get());
    System.out.println("done");
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void report(String name, Callable<Object> call) {
    try {
      System.out.println(name + " -> " + call.call());
    } catch (Exception e) {
      System.out.println(name + " -> threw " + e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
