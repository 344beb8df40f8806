package io.kitagent.weave.methods;

/** Woven once at start-up, in memory only, to warm Byte Buddy up; never loaded woven. */
final class WarmUpTarget {

  private int calls;

  int work(String name, int times) {
    calls += times;
    return name.length() * calls;
  }
}
