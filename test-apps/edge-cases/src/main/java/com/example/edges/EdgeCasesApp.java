package com.example.edges;

/**
 * Runs each edge case once and prints what the application saw on stdout, the same with the agent
 * and without; then "done", and waits to be stopped. How often {@link Catalog#name}'s body ran goes
 * to stderr: with the agent, its own {@code toString} of a logged argument runs it too.
 */
public final class EdgeCasesApp {

  private EdgeCasesApp() {}

  public static void main(String[] args) throws InterruptedException {
    Recursion recursion = new Recursion();
    try {
      System.out.println("down(huge) -> " + recursion.down(Integer.MAX_VALUE));
    } catch (StackOverflowError e) {
      System.out.println("down(huge) -> " + e.getClass().getName());
    }
    System.out.println("down(5) -> " + recursion.down(5));

    Memory memory = new Memory();
    try {
      System.out.println("allocate(2000) -> " + memory.allocate(2000));
    } catch (OutOfMemoryError e) {
      System.out.println("allocate(2000) -> " + e.getClass().getName() + ": " + e.getMessage());
    }
    System.out.println("allocate(1) -> " + memory.allocate(1));

    Catalog catalog = new Catalog();
    System.out.println("describe -> " + catalog.describe(new Catalog.Item("book")).sku());
    System.out.println("lookup -> " + catalog.lookup(new Catalog.Key(catalog, 7)));
    System.out.println("name -> " + catalog.name(8));
    System.out.println("tagged -> " + catalog.tagged(new Catalog.Region(3)) + " " + catalog.tagged(new Catalog.Region(4)));
    System.err.println("name bodies=" + catalog.nameBodies.get());
    System.out.println("done");
    Thread.sleep(Long.MAX_VALUE);
  }
}
