package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the command tree and decides how failures look: a usage error prints one line and a hint
 * (exit 2), a {@link UserError} prints its message (its own exit code), and anything else is a bug
 * in coldstart, printed as one line (exit 70) with the stack trace only when COLDSTART_DEBUG is set.
 */
final class Commands {
  private Commands() {}

  @Command(
      name = "coldstart",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Finds, explains, fixes and guards the start-up cost of Python programs.",
      synopsisSubcommandLabel = "VERB",
      commandListHeading = "%nVerbs:%n",
      footer = {
        "",
        "Exit codes: 0 fine, 1 a check or rule failed, 2 usage or configuration error,",
        "3 the target or the interpreter failed, 130 interrupted (what was measured is printed).",
        "Docs: docs/cli.md"
      })
  static final class Root implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "a verb is required");
    }
  }

  /**
   * {@code why ... --static} reads sources instead of running Python; it is its own (hidden) verb
   * because its options differ, and this sends the command line there.
   */
  static String[] route(String[] args) {
    if (args.length > 0 && args[0].equals("why") && java.util.Arrays.asList(args).contains("--static")) {
      String[] routed = args.clone();
      routed[0] = "why-static";
      return routed;
    }
    return args;
  }

  /** The whole command tree (help, tests). */
  static CommandLine build(Io io) {
    return build(io, java.util.List.copyOf(Verbs.ALL.values()));
  }

  /** The command tree with only the verbs {@code args} needs (see {@link Verbs#neededBy}). */
  static CommandLine buildFor(Io io, String[] args) {
    return build(io, Verbs.neededBy(args));
  }

  /**
   * The models are {@link CommandModels}', made from the annotations ahead of time; in them every
   * verb answers --help (and -V), whether or not its class asks for it.
   */
  private static CommandLine build(Io io, java.util.List<Class<?>> verbs) {
    CommandLine cl = new CommandLine(CommandModels.root(new Root()));
    for (Class<?> verb : verbs) {
      CommandLine.Model.CommandSpec spec = CommandModels.verb(verb, io);
      cl.addSubcommand(spec.name(), new CommandLine(spec));
    }
    cl.setOut(io.out());
    cl.setErr(io.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine bad = ex.getCommandLine();
          io.err().println("coldstart: " + ex.getMessage());
          if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            io.err().println("Did you mean: " + String.join(", ", u.getSuggestions()) + "?");
          }
          io.err()
              .println(
                  "Try 'coldstart "
                      + (bad.getParent() == null ? "" : bad.getCommandName() + " ")
                      + "--help'.");
          return ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, bad, parsed) -> {
          if (ex instanceof UserError u) {
            io.err().println("coldstart: " + u.getMessage());
            return u.exitCode();
          }
          io.err().println("coldstart: internal error: " + ex);
          io.err().println("This is a bug in coldstart; set COLDSTART_DEBUG=1 for details.");
          if (System.getenv("COLDSTART_DEBUG") != null) {
            ex.printStackTrace(io.err());
          }
          return ExitCode.INTERNAL;
        });
    return cl;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = Commands.class.getResourceAsStream("/dev/coldstart/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // The version is then "unknown"; nothing else depends on it.
      }
      return new String[] {
        "coldstart " + p.getProperty("version", "unknown"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor", "?") + ")"
      };
    }
  }
}
