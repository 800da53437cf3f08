package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.explain.Explainer;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import dev.coldstart.report.ExplainText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coldstart explain TARGET}: which imports to defer and what each would save, from a real
 * profile (N timed runs) joined with one recorded run.
 */
@Command(
    name = "explain",
    header = "The imports whose deferral saves most, with predicted savings.",
    sortOptions = false,
    description = {
      "Rank the imports whose deferral saves most start-up time: predicted saving with a 95%%",
      "interval, file:line, statement and the kind of fix; then the modules that retain most",
      "time and the extension modules with their distribution and wheel."
    })
public final class ExplainCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Mixin StatementOptions statements;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Measured runs for the self times (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", paramLabel = "K", defaultValue = "1", description = "Unrecorded warm-up runs first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Kill a run after this long (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Opportunities and modules listed (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here (atomically) instead of to stdout.")
  String output;

  /** Output formats of explain. */
  enum Format {
    text,
    json
  }

  /** A body must take this much of its own (median) to be among the heaviest traced by default. */
  static final double STATEMENT_MIN_MS = 1.0;

  public ExplainCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Target t = target.target();
    if (t instanceof Target.Log) {
      throw UserError.usage("explain runs the program; an importtime log has no import statements");
    }
    if (runs < 1 || warmup < 0 || top < 1) {
      throw UserError.usage("--runs and --top must be at least 1, --warmup not negative");
    }
    if (!(timeoutSeconds > 0)) {
      throw UserError.usage("--timeout must be positive");
    }
    statements.validate();
    Interpreter py = python.interpreter();
    Profiler.Request req =
        new Profiler.Request(
            py,
            t,
            runs,
            warmup,
            Duration.ofMillis((long) (timeoutSeconds * 1000)),
            false,
            Map.of(),
            null,
            List.of());
    Explainer.Result result;
    boolean interrupted;
    try (Interrupts ints = Interrupts.forCurrentThread();
        Measurement m = Measurement.open(io, null)) {
      result = Explainer.profile(req, m.listener(), top);
      interrupted = ints.happened();
      if (!interrupted && result.explanation() != null) {
        Profile traced =
            statements.apply(result.profile(), py, t, STATEMENT_MIN_MS, req.timeout(), dev.coldstart.python.RunHook.NONE, null);
        result = new Explainer.Result(traced, result.explanation(), result.problem());
      }
    }
    if (interrupted) {
      throw new UserError(ExitCode.INTERRUPTED, "interrupted");
    }
    if (result.profile().runs() == 0 || result.profile().stoppedBy() != null) {
      String why = result.profile().stoppedBy();
      throw UserError.target("nothing to explain" + (why == null ? "" : ": " + why));
    }
    if (result.explanation() == null) {
      throw UserError.target("the import recording failed: " + result.problem());
    }
    Output.write(io, output, render(result));
    return ExitCode.OK;
  }

  private String render(Explainer.Result result) {
    return switch (format) {
      case text -> ExplainText.text(result.profile(), result.explanation(), top);
      case json -> ExplainText.json(result.profile(), result.explanation(), top);
    };
  }
}
