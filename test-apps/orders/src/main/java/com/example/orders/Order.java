package com.example.orders;

public record Order(String id, String item, int quantity, long totalCents) {

  public String toJson() {
    return "{\"id\":\"" + id + "\",\"item\":\"" + item.replace("\"", "'") + "\",\"quantity\":" + quantity
        + ",\"totalCents\":" + totalCents + "}";
  }
}
