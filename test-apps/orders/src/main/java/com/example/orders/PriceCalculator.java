package com.example.orders;

/** Prices in cents; not named by the demo config, so it stays unwoven. */
public class PriceCalculator {

  public long total(String item, int quantity) {
    return (long) quantity * (item.length() * 100L + 99L);
  }
}
