package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.explain.StatementTimes;
import dev.coldstart.profile.Profile;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --lines MODULE} and {@code --lines-top N}: which module bodies get statement times, from
 * one extra traced run after the timed ones (see docs/explain.md).
 */
public final class StatementOptions {
  @Option(
      names = "--lines",
      paramLabel = "MODULE",
      description = "Also time each top-level statement of MODULE's body (repeatable), in one extra traced run.")
  List<String> lines = new ArrayList<>();

  @Option(
      names = "--lines-top",
      paramLabel = "N",
      defaultValue = "3",
      description = "Time the statements of the N heaviest module bodies outside the standard library (default ${DEFAULT-VALUE}; 0: none).")
  int linesTop;

  void validate() {
    if (linesTop < 0) {
      throw UserError.usage("--lines-top cannot be negative");
    }
    for (String m : lines) {
      if (!Target.isModuleName(m)) {
        throw UserError.usage("--lines takes a dotted module name, not '" + m + "'");
      }
    }
  }

  /**
   * {@code p} with the statement times of the chosen bodies (and their opportunities), or {@code p}
   * itself when there is nothing to trace or the profile is incomplete.
   */
  Profile apply(
      Profile p, Interpreter py, Target t, double minMs, Duration timeout, RunHook hook, Path directory) {
    if (p.runs() == 0 || p.stoppedBy() != null || Thread.currentThread().isInterrupted()) {
      return p;
    }
    List<String> chosen = StatementTimes.choose(p, py, new StatementTimes.Choice(lines, linesTop, minMs));
    if (chosen.isEmpty()) {
      return p;
    }
    return StatementTimes.addTo(p, StatementTimes.measure(p, py, t, chosen, timeout, Map.of(), directory, hook));
  }
}
