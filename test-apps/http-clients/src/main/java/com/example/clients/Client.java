package com.example.clients;

import java.net.URI;

/** One HTTP client library, making one request per call; instances are created once and reused. */
public interface Client {

  /**
   * Sends {@code method} to {@code url}; {@code body} (possibly empty) is sent as text/plain on POST only.
   * Throws whatever the library throws to its caller.
   */
  Reply send(String method, URI url, String body) throws Exception;
}
