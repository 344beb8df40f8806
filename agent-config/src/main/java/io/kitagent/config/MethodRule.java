package io.kitagent.config;

/** One entry of {@code methods:}. {@code log} is null when the rule does not log. */
public record MethodRule(int index, MethodSelector selector, LogPolicy log) {}
