package io.kitagent.core;

/**
 * The agent's own work on an application thread: rendering an argument with {@code toString},
 * reading a tag through a getter, building an exception to throw, or the agent's own HTTP requests.
 * Such work may call the application's woven code; while it runs, woven calls on that thread run
 * uninstrumented, so that the agent never re-enters itself (a {@code toString} that calls a method
 * whose log renders the argument again would otherwise loop).
 */
public final class AgentWork {

  private AgentWork() {}

  /** For a thread that only ever does the agent's work, such as the admin server's. */
  public static void markThread() {
    AgentThread.current().ownWork++;
  }

  public static boolean active() {
    return AgentThread.current().ownWork > 0;
  }

  /** Starts a stretch of the agent's own work on this thread; close it with {@link #end}. */
  public static AgentThread begin() {
    AgentThread thread = AgentThread.current();
    thread.ownWork++;
    return thread;
  }

  public static void end(AgentThread thread) {
    thread.ownWork--;
  }

  /** Runs {@code task} as the agent's own work on this thread. */
  public static <T, E extends Exception> T call(Task<T, E> task) throws E {
    AgentThread thread = begin();
    try {
      return task.run();
    } finally {
      end(thread);
    }
  }

  /** A piece of the agent's own work. */
  public interface Task<T, E extends Exception> {
    T run() throws E;
  }
}
