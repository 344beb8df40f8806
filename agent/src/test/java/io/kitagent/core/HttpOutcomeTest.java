package io.kitagent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpOutcomeTest {

  @Test
  void eachStatusClassHasMicrometersOutcome() {
    assertEquals("INFORMATIONAL", HttpOutcome.of(101));
    assertEquals("SUCCESS", HttpOutcome.of(204));
    assertEquals("REDIRECTION", HttpOutcome.of(302));
    assertEquals("CLIENT_ERROR", HttpOutcome.of(429));
    assertEquals("SERVER_ERROR", HttpOutcome.of(503));
    assertEquals("UNKNOWN", HttpOutcome.of(-1));
    assertEquals("UNKNOWN", HttpOutcome.of(600));
  }

  @Test
  void aRefusedExchangeIsRefusedWhateverItWasAnswered() {
    assertEquals("REFUSED", HttpOutcome.REFUSED);
  }
}
