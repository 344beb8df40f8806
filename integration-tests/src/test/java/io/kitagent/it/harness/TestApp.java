package io.kitagent.it.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start a test-app in its own JVM, as a user would: {@code java [-javaagent:kit-agent.jar=…]
 * -jar app.jar}. Build one, then {@link Apps#start(TestApp)} it, so it is always stopped.
 */
public final class TestApp {

  private final List<String> command = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final String name;
  private Jdk jdk = Jdks.current();
  private String agentOptions;
  private Path jar;
  private boolean withAgent;

  private TestApp(String name) {
    this.name = name;
  }

  /** {@code test-apps/<name>/target/<name>.jar}. */
  public static TestApp named(String name) {
    TestApp app = new TestApp(name);
    app.jar = Artifacts.testApp(name);
    return app;
  }

  /** The agent JAR itself run as a program: {@code java -jar kit-agent.jar <args>}. */
  public static TestApp agentCli(String... cliArgs) {
    TestApp app = new TestApp("kit-agent-cli");
    app.jar = Artifacts.agentJar();
    app.args.addAll(List.of(cliArgs));
    return app;
  }

  /** Runs under the agent with {@code config=<file>}. */
  public TestApp withAgent(Path config) {
    return withAgentOptions("config=" + config);
  }

  /** Runs under the agent with exactly these agent options (null: none at all). */
  public TestApp withAgentOptions(String options) {
    withAgent = true;
    agentOptions = options;
    return this;
  }

  public TestApp on(Jdk jdk) {
    this.jdk = jdk;
    return this;
  }

  /** Arguments for the app's {@code main}. */
  public TestApp args(String... more) {
    args.addAll(List.of(more));
    return this;
  }

  public TestApp env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public TestApp jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  public String name() {
    return name + " on " + jdk;
  }

  RunningApp start() throws IOException {
    command.clear();
    command.add(jdk.java().toString());
    command.addAll(jvmOptions);
    if (withAgent) {
      command.add("-javaagent:" + Artifacts.agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
    }
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PORT", "0");
    builder.environment().put("KIT_ADMIN_ADDRESS", "127.0.0.1:0"); // for configs that read it
    builder.environment().remove("KIT_AGENT_CONFIG");
    builder.environment().putAll(env);
    return new RunningApp(name(), String.join(" ", command), builder.start());
  }
}
