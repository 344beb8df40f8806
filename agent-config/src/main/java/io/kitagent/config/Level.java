package io.kitagent.config;

/** Log event levels, lowest first. */
public enum Level {
  DEBUG, INFO, WARN, ERROR;

  public String word() {
    return Fields.word(this);
  }
}
