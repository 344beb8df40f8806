package com.example.targets;

/** A bean a method returns. */
public record Item(String sku, int quantity) {}
