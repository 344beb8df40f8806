package io.kitagent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.kitagent.config.AgentConfig;
import io.kitagent.config.ConfigException;
import io.kitagent.config.ConfigLoader;
import io.kitagent.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code check <file>}: validates a config file and prints it with every default filled in. */
final class CheckCommand {

  static final String USAGE = """
      Usage: java -jar kit-agent.jar check <config-file>

      Validates a Kit Agent config file (YAML, or JSON when it ends in .json). When it is valid,
      prints the effective config, defaults filled in, and exits 0; otherwise prints every problem
      with file, line, column and key, and exits 2. ${NAME} placeholders are resolved from this
      shell's environment and system properties.
      """;

  private CheckCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
      out.print(USAGE);
      return Main.OK;
    }
    if (args.length != 1 || args[0].startsWith("-")) {
      err.print(USAGE);
      return Main.INVALID;
    }
    try {
      AgentConfig config = ConfigLoader.standard().load(Path.of(args[0]));
      out.print(yaml().writeValueAsString(config.describe()));
      err.println(args[0] + ": valid");
      return Main.OK;
    } catch (ConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        err.println(problem);
      }
      err.println(args[0] + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
      return Main.INVALID;
    } catch (IOException | RuntimeException e) {
      err.println("kit-agent: cannot check " + args[0] + ": " + e);
      return Main.INVALID;
    }
  }

  private static ObjectMapper yaml() {
    return new ObjectMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build());
  }
}
