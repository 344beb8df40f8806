package io.kitagent.http;

/**
 * Marks the HTTP requests the agent itself makes or serves (the admin endpoint, exporters, discovery),
 * so that they are never recorded as the application's.
 */
public final class AgentTraffic {

  private AgentTraffic() {}

  /** For a thread that only ever does the agent's work, such as the admin server's. */
  public static void markThread() {
    HttpThread.current().agentTraffic++;
  }

  /** Runs {@code task} as the agent's own traffic on this thread. */
  public static <T, E extends Exception> T call(Task<T, E> task) throws E {
    HttpThread thread = HttpThread.current();
    thread.agentTraffic++;
    try {
      return task.run();
    } finally {
      thread.agentTraffic--;
    }
  }

  /** A piece of the agent's own work that makes requests. */
  public interface Task<T, E extends Exception> {
    T run() throws E;
  }
}
