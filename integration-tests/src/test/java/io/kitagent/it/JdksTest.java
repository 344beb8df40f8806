package io.kitagent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kitagent.it.harness.Jdk;
import io.kitagent.it.harness.Jdks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK matrix is real: a missing newest JDK fails here instead of silently shrinking the matrix. */
class JdksTest {

  @Test
  void testsRunOnTheFloorJdkAndOnJdk25OrNewer() {
    List<Jdk> jdks = Jdks.forTests();
    assertTrue(jdks.stream().anyMatch(j -> j.feature() == 17), jdks.toString());
    assertTrue(jdks.stream().anyMatch(j -> j.feature() >= 25), "no JDK 25+ beside " + Jdks.current().home()
        + " (install Temurin 25 there, or name JDK homes in KIT_IT_JDKS): " + jdks);
  }
}
