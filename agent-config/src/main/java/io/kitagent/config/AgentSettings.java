package io.kitagent.config;

/** {@code agent:} — whether the agent instruments at all, and whether a bad config stops the JVM. */
public record AgentSettings(boolean enabled, boolean strict) {}
