package io.kitagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import org.junit.jupiter.api.Test;

class ServerErrorsTest {

  /** Like Jetty's BadMessageException: an exception that carries the status the container sends. */
  public static final class WithCode extends RuntimeException {
    private final int code;

    public WithCode(int code) {
      this.code = code;
    }

    public int getCode() {
      return code;
    }
  }

  @Test
  void anExceptionWithItsOwnHttpCodeIsAnsweredWithIt() {
    assertEquals(400, ServerErrors.status(new WithCode(400)));
  }

  @Test
  void aServletExceptionIsLookedThroughToItsCause() {
    assertEquals(413, ServerErrors.status(new ServletException("wrapped", new WithCode(413))));
  }

  @Test
  void unavailableIs503() {
    assertEquals(503, ServerErrors.status(new UnavailableException("down")));
  }

  @Test
  void anythingElseIs500() {
    assertEquals(500, ServerErrors.status(new IllegalStateException("boom")));
    assertEquals(500, ServerErrors.status(new WithCode(200)));
    assertEquals(500, ServerErrors.status(new ServletException("no cause")));
  }
}
