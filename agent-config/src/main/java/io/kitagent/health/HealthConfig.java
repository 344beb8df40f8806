package io.kitagent.health;

import io.kitagent.config.Fields;
import io.kitagent.config.Section;
import java.util.Map;

/**
 * {@code health:}, how {@code /health} judges the agent's components: {@code downWhenOpen: true}
 * reports the service {@code DOWN} (503) while a circuit breaker is open; by default an open
 * breaker is a degraded detail and the service stays {@code UP}, since it still answers.
 */
public record HealthConfig(boolean downWhenOpen) {

  public static final HealthConfig DEFAULT = new HealthConfig(false);

  public static final Section<HealthConfig> SECTION = new Section<>() {
    @Override
    public String key() {
      return "health";
    }

    @Override
    public HealthConfig read(Fields root) {
      if (!root.written("health")) {
        return DEFAULT;
      }
      Fields f = root.object("health");
      boolean down = f.bool("downWhenOpen", false);
      f.done();
      return new HealthConfig(down);
    }

    @Override
    public Object describe(HealthConfig health) {
      return health.equals(DEFAULT) ? null : Map.of("downWhenOpen", health.downWhenOpen());
    }
  };
}
