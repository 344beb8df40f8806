package io.kitagent.config;

/**
 * {@code agent:} — whether the agent instruments at all, whether a bad config stops the JVM, and the
 * admin endpoint.
 */
public record AgentSettings(boolean enabled, boolean strict, AdminSettings admin) {}
