package com.example.orders;

public class OrderFailedException extends RuntimeException {

  public OrderFailedException(String message) {
    super(message);
  }
}
