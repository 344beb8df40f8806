package com.example.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class InMemoryInventory implements Inventory {

  private final Map<String, Integer> reserved = new ConcurrentHashMap<>();

  @Override
  public void reserve(String item, int quantity) {
    reserved.merge(item, quantity, Integer::sum);
  }

  @Override
  public int available(String item) {
    return 1_000 - reserved.getOrDefault(item, 0);
  }

  /** Not part of {@link Inventory}, so {@code implements: Inventory} leaves it alone. */
  public int reservedCount() {
    return reserved.size();
  }
}
