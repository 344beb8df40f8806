package io.kitagent.config;

public enum LogFormat { LOGFMT, JSON }
