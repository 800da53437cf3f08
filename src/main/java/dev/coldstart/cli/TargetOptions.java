package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.python.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The TARGET of the verbs that run Python, as a picocli mixin: {@code MODULE}, {@code -c CODE},
 * {@code -m MODULE [ARGS]}, {@code SCRIPT.py [ARGS]} or {@code --log FILE|-}. Words after the
 * module or script are the target's arguments; put {@code --} before arguments that look like
 * coldstart's own options.
 */
public final class TargetOptions {
  @Option(names = "-c", paramLabel = "CODE", description = "Measure this Python code, as `python -c CODE`.")
  String code;

  @Option(
      names = "-m",
      paramLabel = "MODULE",
      description = "Run a module as __main__, as `python -m MODULE ARGS`.")
  String runModule;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = "Read an existing `python -X importtime` log instead of running anything ('-' = stdin).")
  String log;

  @Parameters(
      paramLabel = "TARGET",
      arity = "0..*",
      description = "MODULE to import, or SCRIPT.py, followed by the script's arguments.")
  List<String> words = new ArrayList<>();

  /** Whether the user named any target at all. */
  public boolean present() {
    return code != null || runModule != null || log != null || !words.isEmpty();
  }

  /**
   * Parses a target given as words, with the same rules as the command line (for a target typed
   * into the dashboard). A relative script path is resolved against {@code base}.
   *
   * @throws UserError (usage) when the words do not name exactly one target
   */
  public static Target parse(List<String> argv, Path base) {
    TargetWords holder = new TargetWords();
    try {
      new CommandLine(holder).setUnmatchedOptionsArePositionalParams(false).parseArgs(argv.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw UserError.usage(e.getMessage());
    }
    return holder.target.target(base);
  }

  @Command(name = "target")
  private static final class TargetWords {
    @Mixin TargetOptions target;
  }

  /** The one target the options name. */
  public Target target() {
    return target(null);
  }

  private Target target(Path base) {
    int forms = (code != null ? 1 : 0) + (runModule != null ? 1 : 0) + (log != null ? 1 : 0);
    if (forms > 1) {
      throw UserError.usage("give one target: -c CODE, -m MODULE, --log FILE, a MODULE or a SCRIPT.py");
    }
    if (code != null) {
      if (!words.isEmpty()) {
        throw UserError.usage("-c CODE takes no other target (got '" + words.get(0) + "')");
      }
      return new Target.Code(code);
    }
    if (runModule != null) {
      if (!Target.isModuleName(runModule)) {
        throw UserError.usage("-m needs a module name, not '" + runModule + "'");
      }
      return new Target.RunModule(runModule, List.copyOf(words));
    }
    if (log != null) {
      if (!words.isEmpty()) {
        throw UserError.usage("--log takes no other target (got '" + words.get(0) + "')");
      }
      return new Target.Log(log);
    }
    if (words.isEmpty()) {
      throw UserError.usage("no target: give a MODULE, -c CODE, -m MODULE, SCRIPT.py or --log FILE");
    }
    String first = words.get(0);
    List<String> rest = List.copyOf(words.subList(1, words.size()));
    Path asPath = base == null ? Path.of(first) : base.resolve(first);
    if (first.endsWith(".py") || first.endsWith(".pyw") || first.contains("/") || Files.isRegularFile(asPath)) {
      if (!Files.isRegularFile(asPath)) {
        throw UserError.usage("no such script: " + first);
      }
      return new Target.Script(asPath, rest);
    }
    if (!Target.isModuleName(first)) {
      throw UserError.usage("'" + first + "' is neither a module name nor a script file");
    }
    if (!rest.isEmpty()) {
      throw UserError.usage(
          "a MODULE target takes no arguments (got '" + rest.get(0) + "'); use -m " + first + " ARGS to run it");
    }
    return new Target.Module(first);
  }
}
