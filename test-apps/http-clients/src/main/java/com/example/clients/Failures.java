package com.example.clients;

import java.util.concurrent.ExecutionException;

final class Failures {

  private Failures() {}

  /** The exception the library failed with, so async clients report what sync ones would. */
  static Exception cause(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Exception) {
      return (Exception) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return e;
  }
}
