package com.example.orders;

/** Stock keeping; a config can weave every implementation with {@code implements:}. */
public interface Inventory {

  void reserve(String item, int quantity);

  int available(String item);
}
