package io.kitagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void eachStatusClassHasMicrometersOutcome() {
    assertEquals("INFORMATIONAL", Outcome.of(101));
    assertEquals("SUCCESS", Outcome.of(204));
    assertEquals("REDIRECTION", Outcome.of(302));
    assertEquals("CLIENT_ERROR", Outcome.of(429));
    assertEquals("SERVER_ERROR", Outcome.of(503));
    assertEquals("UNKNOWN", Outcome.of(-1));
    assertEquals("UNKNOWN", Outcome.of(600));
  }
}
