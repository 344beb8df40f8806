package com.example.orders;

/** What a request asks the service to do besides its work: fail, or be slow. */
public record Behaviour(boolean fail, long delayMillis) {}
