package com.example.edges;

/** Recurses {@code n} deep: far enough, the stack overflows. */
public class Recursion {

  public int down(int n) {
    return n == 0 ? 0 : down(n - 1) + 1;
  }
}
