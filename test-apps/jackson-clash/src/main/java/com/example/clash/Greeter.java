package com.example.clash;

public class Greeter {

  public String greet(String name) {
    return "hello " + name;
  }
}
