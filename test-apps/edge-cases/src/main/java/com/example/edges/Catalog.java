package com.example.edges;

import java.util.concurrent.atomic.AtomicInteger;

/** Methods that take values whose toString misbehaves; counts how often the bodies run. */
public class Catalog {

  final AtomicInteger nameBodies = new AtomicInteger();

  /** Takes an item whose toString throws, and returns one too. */
  public Item describe(Item item) {
    return item;
  }

  /** Takes a key whose toString calls {@link #name}. */
  public String lookup(Key key) {
    return "found " + key.id();
  }

  public String name(int id) {
    nameBodies.incrementAndGet();
    return "key-" + id;
  }

  /** Takes a region whose toString throws. */
  public int tagged(Region region) {
    return region.code();
  }

  /** An item that cannot be printed. */
  public record Item(String sku) {
    @Override
    public String toString() {
      throw new IllegalStateException("no printing " + sku);
    }
  }

  /** A key that prints itself by asking the catalog. */
  public record Key(Catalog catalog, int id) {
    @Override
    public String toString() {
      return catalog.name(id);
    }
  }

  /** A region that cannot be printed. */
  public record Region(int code) {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("region " + code);
    }
  }
}
