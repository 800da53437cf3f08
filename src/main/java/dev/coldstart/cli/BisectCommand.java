package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.gate.Bisect;
import dev.coldstart.gate.BisectReport;
import dev.coldstart.gate.KnownResults;
import dev.coldstart.gate.ModulePattern;
import dev.coldstart.gate.Quantity;
import dev.coldstart.python.Target;
import dev.coldstart.report.BisectText;
import dev.coldstart.store.Machine;
import dev.coldstart.store.RecordedResults;
import dev.coldstart.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coldstart bisect GOOD BAD TARGET}: the commit that made start-up slower (docs/history.md#bisect). */
@Command(
    name = "bisect",
    header = "The first commit between GOOD and BAD that made start-up slower (or loads a module).",
    sortOptions = false,
    description = {
      "Find the first commit on BAD's first-parent line after GOOD that made TARGET's",
      "start-up significantly slower: each commit is checked out in a temporary worktree and",
      "measured against GOOD in interleaved runs, with more runs where the verdict is unclear.",
      "With --forbid MODULE: the first commit whose TARGET loads MODULE, with the chain.",
      "TARGET as for profile: MODULE, -c CODE, -m MODULE [ARGS] or SCRIPT.py [ARGS].",
      "Uncommitted changes are not measured. See docs/history.md#bisect.",
      "Recorded results (--store) answer --forbid steps and choose which commit",
      "a timed bisect measures first.",
      "Exit 0 found, 1 no regression (nothing to find), 2 usage, 3 the target failed",
      "at GOOD or BAD (or skipped commits hide the answer), 130 interrupted."
    })
public final class BisectCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Option(names = "--forbid", paramLabel = "MODULE", description = "Find the first commit whose TARGET loads MODULE (or a submodule; * matches within a name): one recording run per commit, no timing.")
  String forbid;

  @Option(names = "--min-shift", paramLabel = "SHIFT", defaultValue = "2%", description = "The smallest slowdown worth chasing: a percentage of GOOD's median (2%%) or milliseconds (1.5ms) (default ${DEFAULT-VALUE}).")
  String minShift;

  @Option(names = "--measure", paramLabel = "QUANTITY", defaultValue = "cpu", description = "cpu (the target's CPU time: steady on a busy machine, blind to waiting) or wall (elapsed time) (default ${DEFAULT-VALUE}).")
  Measure measure;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Runs of each side per batch: pairs (GOOD, BAD) in the BAD-vs-GOOD check, rounds (GOOD, the commit, BAD) in a step, which adds batches until its verdict is clear (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--max-runs", paramLabel = "N", defaultValue = "100", description = "The most rounds one step takes (the BAD-vs-GOOD check: twice that, in pairs); then the estimate decides and the step is marked unclear (default ${DEFAULT-VALUE}).")
  int maxRuns;

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Bisect the repository holding DIR; runs start in DIR's place in each commit (default: the current directory).")
  Path repo;

  @Option(names = "--store", paramLabel = "FILE|URL", description = "Use the results recorded in this store (a SQLite file, or postgresql://host:port/db with credentials from PGUSER, PGPASSWORD or ~/.pgpass): with --forbid, a commit recorded clean on this machine with this target and interpreter is not run again; a timed bisect measures the store's change point first (default: store in [tool.coldstart], else .coldstart/history.db in the project, when it exists).")
  String store;

  @Option(names = "--no-store", description = "Measure every commit; read no results store.")
  boolean noStore;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Kill a run after this long (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here (atomically) instead of to stdout.")
  String output;

  /** Output formats of bisect. */
  enum Format {
    text,
    json
  }

  /** What the timed steps compare. */
  enum Measure {
    cpu,
    wall
  }

  public BisectCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<String> words = new ArrayList<>(target.words);
    if (words.size() < 2) {
      throw UserError.usage("give GOOD and BAD, then the target: coldstart bisect GOOD BAD TARGET");
    }
    String good = words.remove(0);
    String bad = words.remove(0);
    target.words = words;
    if (!target.present()) {
      throw UserError.usage("no target: give a MODULE, -c CODE, -m MODULE or SCRIPT.py after GOOD and BAD");
    }
    Target t = target.target();
    if (t instanceof Target.Log) {
      throw UserError.usage("bisect runs the target at each commit; an importtime log cannot be run");
    }
    if (forbid != null && !ModulePattern.isValid(forbid)) {
      throw UserError.usage("--forbid needs a module name (a.b, or a pattern such as a.*), not '" + forbid + "'");
    }
    if (runs < 3) {
      throw UserError.usage("--runs must be at least 3");
    }
    if (maxRuns < runs) {
      throw UserError.usage("--max-runs (" + maxRuns + ") must be at least --runs (" + runs + ")");
    }
    if (!(timeoutSeconds > 0)) {
      throw UserError.usage("--timeout must be positive");
    }
    Bisect.MinShift min = Bisect.MinShift.parse(minShift);
    var py = python.interpreter();
    BisectReport report;
    try (Store recorded = BisectStore.open(store, noStore, repo, io.err());
        Interrupts ints = Interrupts.forCurrentThread();
        Progress progress = new Progress(io.err(), Terminal.stderrIsTerminal())) {
      KnownResults known = recorded == null ? KnownResults.NONE : RecordedResults.of(recorded, Machine.current());
      report = Bisect.run(
          new Bisect.Request(py, repo, good, bad, t, measure == Measure.wall ? Quantity.WALL : Quantity.CPU, runs, maxRuns,
              min, forbid, Duration.ofMillis((long) (timeoutSeconds * 1000)), known),
          progress);
    }
    String text = format == Format.json ? BisectText.json(report) : BisectText.text(report);
    Output.write(io, output, text);
    if (output != null) {
      io.err().println("coldstart: wrote " + output + ": " + BisectText.headline(report));
    }
    return switch (report.outcome()) {
      case FOUND -> ExitCode.OK;
      case NONE -> ExitCode.FAILED;
      case AMBIGUOUS -> ExitCode.TARGET;
      case INTERRUPTED -> ExitCode.INTERRUPTED;
    };
  }

  /** The progress line on stderr when it is a terminal. */
  static final class Progress extends StatusLine implements Bisect.Listener {
    private String phase = "";

    Progress(java.io.PrintWriter err, boolean live) {
      super(err, live);
    }

    @Override
    public void phase(String what) {
      phase = what;
      draw("bisect: " + what);
    }

    @Override
    public void progress(String what, int done, int total) {
      draw("bisect: " + phase + ": pair " + done + " (at most " + total + ")");
    }
  }
}
