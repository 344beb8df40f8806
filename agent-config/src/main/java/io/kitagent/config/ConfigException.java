package io.kitagent.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used, with every problem found in it. */
public final class ConfigException extends Exception {

  private final List<ConfigProblem> problems;
  private final boolean strict;

  /** {@code strict} is true when the file, though invalid, clearly asked for {@code agent.strict}. */
  public ConfigException(List<ConfigProblem> problems, boolean strict) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
    this.strict = strict;
  }

  public boolean strictRequested() {
    return strict;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
