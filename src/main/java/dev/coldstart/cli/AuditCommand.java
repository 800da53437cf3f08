package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.audit.Auditor;
import dev.coldstart.audit.Candidate;
import dev.coldstart.audit.Candidates;
import dev.coldstart.audit.LazyFilterModule;
import dev.coldstart.audit.ProjectTests;
import dev.coldstart.audit.SequentialRule;
import dev.coldstart.audit.SideEffects;
import dev.coldstart.audit.Verdict;
import dev.coldstart.events.Event;
import dev.coldstart.events.EventBus;
import dev.coldstart.events.ProgressLine;
import dev.coldstart.explain.Explainer;
import dev.coldstart.profile.Profiler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import dev.coldstart.report.AuditText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coldstart audit TARGET}: each candidate deferral measured (interleaved A/B, no source
 * edited) and judged safe, no-win, unsafe or inconclusive, with its evidence (docs/audit.md).
 */
@Command(
    name = "audit",
    header = "Measure each candidate deferral (A/B, no source edited) and judge it safe, no-win or unsafe.",
    sortOptions = false,
    description = {
      "Defer each candidate import without editing the source (PEP 810's filter on Python 3.15,",
      "an import hook before), run the program with and without it interleaved, and judge it:",
      "safe (saves, with an interval above zero, and behaves the same), no-win (still loaded,",
      "with the chain that loads it), unsafe (output differs, or a deferred name is used while",
      "its importer runs) or inconclusive (how many more runs would decide)."
    })
public final class AuditCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Mixin LimitOptions limits;

  @Option(names = "--candidate", paramLabel = "MODULE|IMPORTER:MODULE", description = {
      "Audit deferring every import of MODULE, or IMPORTER's imports of it (repeatable).",
      "Default: explain's top opportunities."})
  List<String> candidates = new ArrayList<>();

  @Option(names = "--from-fix", paramLabel = "PATH", description = {
      "Audit the deferrals `coldstart fix PATH` would write (planned, nothing written; repeatable)."})
  List<String> fromFix = new ArrayList<>();

  @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "Explain's opportunities audited when no --candidate is given (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "30", description = "Most interleaved pairs per candidate; the sequential rule stops earlier once decided (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--profile-runs", paramLabel = "N", defaultValue = "5", description = "Runs of the profile that predicts each saving (default ${DEFAULT-VALUE}).")
  int profileRuns;

  @Option(names = "--min-saving", paramLabel = "MS", defaultValue = "1", description = "A saving below this many ms (CPU) is no win (default ${DEFAULT-VALUE}).")
  double minSaving;

  @Option(names = "--max-time", paramLabel = "DURATION", description = "Stop starting new work after this long (e.g. 90s, 5m, 1h); verdicts reached are kept.")
  String maxTime;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Kill a run after this long (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--test", paramLabel = "COMMAND", description = {
      "The project's tests, e.g. \"python -m pytest -q tests\" (split like a shell would, run in the",
      "current directory): run unchanged once and with each deferral applied; a test that passes",
      "unchanged and fails deferred makes it unsafe (docs/audit.md, Tests)."})
  String test;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here (atomically) instead of to stdout.")
  String output;

  @Option(names = "--fix", description = {
      "Then write exactly the safe deferrals with coldstart fix (lazy re-exports, TYPE_CHECKING imports;",
      "PEP 562 style), prove the public API unchanged and re-measure the target; on any difference the",
      "files are restored and the exit status is 1 (docs/audit.md, Fix)."})
  boolean fix;

  @Option(names = "--write-filter", paramLabel = "FILE", description = "Write a Python 3.15 lazy imports filter module for the safe candidates (atomically).")
  String writeFilter;

  /** Output formats of audit. */
  enum Format {
    text,
    json,
    markdown
  }

  public AuditCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Target t = target.target();
    if (t instanceof Target.Log) {
      throw UserError.usage("audit runs the program; an importtime log cannot be run with a deferral");
    }
    if (runs < 5 || top < 1 || profileRuns < 1) {
      throw UserError.usage("--runs must be at least 5 (fewer pairs cannot reach a 95 % interval), --top and --profile-runs at least 1");
    }
    if (!(timeoutSeconds > 0) || !(minSaving >= 0)) {
      throw UserError.usage("--timeout must be positive and --min-saving not negative");
    }
    Duration budget = maxTime == null ? null : duration(maxTime);
    Instant deadline = budget == null ? null : Instant.now().plus(budget);
    for (String c : candidates) {
      candidateSyntax(c);
    }
    for (String f : fromFix) {
      if (!Files.exists(Path.of(f))) {
        throw UserError.usage("--from-fix " + f + ": no such file or directory");
      }
    }
    Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
    Path dir = Path.of("").toAbsolutePath();
    if (test != null) {
      ProjectTests.of(test, dir, Map.of(), timeout); // a badly quoted command fails before any run
    }
    Interpreter py = python.interpreter();
    SequentialRule rule = SequentialRule.upTo(runs, minSaving);
    Path work = Files.createTempDirectory("coldstart-audit-");
    Auditor.Audit audit;
    dev.coldstart.explain.Explanation explanation;
    String under = "";
    boolean interrupted;
    double profiledImportMs;
    try (dev.coldstart.limits.Limits lim = limits.open(py, t, timeout, Map.of(), null);
        Interrupts ints = Interrupts.forCurrentThread()) {
      dev.coldstart.python.RunHook hook = lim == null ? dev.coldstart.python.RunHook.NONE : lim;
      if (lim != null) {
        under = ", " + lim.measuredUnder().describe();
      }
      Explainer.Result explained;
      try (Measurement m = Measurement.open(io, null)) {
        explained = Explainer.profile(
            new Profiler.Request(py, t, profileRuns, 1, timeout, false, Map.of(), null,
                lim == null ? List.of() : lim.constraints(), hook),
            m.listener(), Math.max(top * 3, 10));
      }
      if (ints.happened()) {
        throw new UserError(ExitCode.INTERRUPTED, "interrupted while profiling the target");
      }
      if (explained.profile().runs() == 0 || explained.profile().stoppedBy() != null) {
        String why = explained.profile().stoppedBy();
        throw UserError.target("the target could not be profiled" + (why == null ? "" : ": " + why));
      }
      if (explained.explanation() == null) {
        throw UserError.target("the import recording failed: " + explained.problem());
      }
      profiledImportMs = targetImportMs(explained);
      explanation = explained.explanation();
      List<Candidate> chosen = new ArrayList<>(Candidates.fromSpecs(candidates, explained.explanation(), t));
      if (!fromFix.isEmpty()) {
        chosen.addAll(Candidates.fromFix(fromFix, explained.explanation(), t));
      }
      if (candidates.isEmpty() && fromFix.isEmpty()) {
        chosen.addAll(Candidates.fromExplanation(explained.explanation(), t, top));
      }
      if (chosen.isEmpty()) {
        io.err().println("coldstart: no candidate: " + (fromFix.isEmpty()
            ? "explain found no import of " + t.describe() + " worth deferring"
            : "coldstart fix would defer no import that " + t.describe() + " runs"));
      }
      Auditor.Checks checks = Auditor.Checks.NONE;
      if (!chosen.isEmpty()) {
        // Once, on the unchanged program: what each candidate's deferral would move (untimed).
        SideEffects effects = SideEffects.record(py, t, Map.of(), dir, timeout);
        if (ints.happened()) {
          throw new UserError(ExitCode.INTERRUPTED, "interrupted while recording the import-time side effects");
        }
        if (!effects.complete()) {
          io.err().println("coldstart: the side-effect recording is incomplete: " + effects.problem());
        }
        checks = new Auditor.Checks(test, timeout, effects, explained.explanation().graph());
      }
      try (Progress progress = new Progress(io)) {
        audit = Auditor.run(new Auditor.Settings(py, t, dir, timeout, rule, deadline, work, hook), chosen, progress, checks);
      }
      interrupted = ints.happened() || "interrupted".equals(audit.stoppedBy());
    } finally {
      deleteTree(work);
    }
    AuditText.Header header = new AuditText.Header(t.describe(), py.describe() + under, ruleText(rule), profiledImportMs);
    String text = switch (format) {
      case text -> AuditText.text(header, audit);
      case json -> AuditText.json(header, audit);
      case markdown -> AuditText.markdown(header, audit);
    };
    Output.write(io, output, text);
    if (writeFilter != null) {
      List<Candidate> safe = audit.verdicts().stream().filter(v -> v.kind() == Verdict.Kind.SAFE).map(Verdict::candidate).toList();
      Output.writeAtomically(Path.of(writeFilter), LazyFilterModule.source(safe, t.describe()));
      io.err().println("coldstart: wrote " + writeFilter + ": a lazy imports filter for " + safe.size() + " safe candidate"
          + (safe.size() == 1 ? "" : "s"));
    }
    if (fix && !interrupted) {
      List<Candidate> safe = audit.verdicts().stream().filter(v -> v.kind() == Verdict.Kind.SAFE).map(Verdict::candidate).toList();
      return SafeFix.apply(io, py, t, explanation, safe, profileRuns, timeout);
    }
    if (interrupted) {
      throw new UserError(ExitCode.INTERRUPTED, "interrupted: " + audit.verdicts().size() + " of " + audit.candidates()
          + " candidates audited (printed above)");
    }
    return ExitCode.OK;
  }

  /**
   * The profile's import time of the target's own imports: the top-level entries of its import
   * tree that the bare interpreter does not load itself ({@code site}, {@code .pth} files,
   * encodings). The timed pairs start after those, so the prediction is scaled against this.
   */
  static double targetImportMs(Explainer.Result r) {
    var graph = r.explanation().graph();
    double sum = 0;
    for (dev.coldstart.profile.Profile.TreeNode n : r.profile().tree()) {
      if (!graph.isStartup(n.name())) {
        sum += n.cumulativeMs();
      }
    }
    return sum > 0 || r.profile().importMs() == null ? sum : r.profile().importMs().median();
  }

  static String ruleText(SequentialRule r) {
    if (r.looks() == 1) {
      return String.format(Locale.ROOT, "one look after %d pairs, %.1f %% interval, margin %s ms", r.max(),
          100 * r.confidence(), r.marginMs());
    }
    return String.format(Locale.ROOT,
        "sequential: looks after %d pairs then every %d up to %d, %.1f %% intervals (%d looks, 5 %% overall), margin %s ms",
        r.first(), r.step(), r.max(), 100 * r.confidence(), r.looks(), r.marginMs());
  }

  private static void candidateSyntax(String spec) {
    String s = spec.strip();
    int colon = s.lastIndexOf(':');
    String module = colon < 0 ? s : s.substring(colon + 1);
    String importer = colon < 0 ? null : s.substring(0, colon);
    if (!Target.isModuleName(module) || (importer != null && !Target.isModuleName(importer))) {
      throw UserError.usage("--candidate " + spec + ": not MODULE or IMPORTER:MODULE (dotted module names)");
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

  /** {@code 90}, {@code 90s}, {@code 5m}, {@code 1.5h}, {@code 500ms}. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw UserError.usage("--max-time " + text + ": not a duration (e.g. 90s, 5m, 1h)");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double seconds = switch (unit) {
      case "ms" -> v / 1000;
      case "m", "min" -> v * 60;
      case "h" -> v * 3600;
      default -> v;
    };
    if (!(seconds > 0)) {
      throw UserError.usage("--max-time must be positive");
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a leftover temporary directory is not worth failing the audit for
    }
  }

  /** The progress line: the candidate, run i/n and the time left, through the event bus. */
  private static final class Progress implements Auditor.Listener, AutoCloseable {
    private final EventBus bus;

    Progress(Io io) {
      bus = new EventBus(problem -> io.err().println("coldstart: " + problem));
      bus.subscribe("progress", new ProgressLine(io.err(), Terminal.stderrIsTerminal()).labelled());
    }

    @Override
    public void run(String candidate, int run, int total) {
      bus.publish(new Event.RunStarted(run, total, candidate, Instant.now()));
      bus.publish(new Event.RunFinished(run, total, candidate, 0, 0, true));
    }

    @Override
    public void close() {
      boolean interrupted = Thread.interrupted();
      try {
        bus.publish(new Event.Done("audit finished"));
        bus.close();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
