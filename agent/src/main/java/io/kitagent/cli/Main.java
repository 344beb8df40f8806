package io.kitagent.cli;

import io.kitagent.agent.Version;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar kit-agent.jar <command>}: the agent's command line. */
public final class Main {

  static final int OK = 0;
  static final int INVALID = 2;

  static final String USAGE = """
      Usage: java -jar kit-agent.jar <command> [options]

      Commands:
        check <config-file>   validate a config file and print the effective config

      Options:
        -h, --help            show this help (also after a command: check --help)
        --version             show the agent's version

      Run a service under the agent:
        java -javaagent:kit-agent.jar=config=orders.yaml -jar orders.jar
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return INVALID;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "-h", "--help", "help" -> {
        out.print(USAGE);
        return OK;
      }
      case "--version" -> {
        out.println(Version.current());
        return OK;
      }
      case "check" -> {
        return CheckCommand.run(rest, out, err);
      }
      default -> {
        err.println("kit-agent: unknown command \"" + args[0] + "\"");
        err.print(USAGE);
        return INVALID;
      }
    }
  }
}
