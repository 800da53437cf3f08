package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.SideWork;
import dev.coldstart.UserError;
import dev.coldstart.explain.Explainer;
import dev.coldstart.limits.Limits;
import dev.coldstart.profile.LazyAllSampler;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coldstart profile TARGET}: where start-up time goes, module by module. */
@Command(
    name = "profile",
    header = "Where start-up time goes, module by module, with medians and intervals.",
    sortOptions = false,
    description = {
      "Measure where a Python program's start-up time goes, module by module.",
      "Runs TARGET in fresh interpreters under -X importtime, interleaved with a bare",
      "interpreter (-c pass), and reports medians with 95%% confidence intervals."
    })
public final class ProfileCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Mixin LimitOptions limits;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Measured runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", paramLabel = "K", defaultValue = "1", description = "Unrecorded warm-up runs first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Kill a run (and its children) after this long (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--no-bare", description = "Do not measure the bare interpreter.")
  boolean noBare;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "Also write every run as it finishes to FILE (JSON lines); complete even if interrupted.")
  Path events;

  @Mixin StatementOptions statements;

  @Option(
      names = "--lazy-imports",
      paramLabel = "MODE",
      description = {
        "all: also run TARGET under -X lazy_imports=all (Python 3.15+), interleaved with normal runs,",
        "and report what global laziness would save, the modules it avoids, and whether the program",
        "still behaves the same (exit code, stdout, stderr)."
      })
  String lazyImports;

  @Mixin ProfileOutput out;

  @Mixin RecordOptions record;

  public ProfileCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Target t = target.target();
    if (record.store != null && !record.record) {
      throw UserError.usage("--store needs --record (or use coldstart record / coldstart history)");
    }
    if (record.record && t instanceof Target.Log) {
      throw UserError.usage("--record needs a target to run, not --log (a log has no runs of its own)");
    }
    Recorder recorder = record.record ? Recorder.open(record.store, Recorder.nearestConfig()) : null;
    try {
      return measure(t, recorder);
    } finally {
      if (recorder != null) {
        recorder.close();
      }
    }
  }

  private int measure(Target t, Recorder recorder) {
    if (runs < 1) {
      throw UserError.usage("--runs must be at least 1");
    }
    if (warmup < 0) {
      throw UserError.usage("--warmup cannot be negative");
    }
    out.validate();
    statements.validate();
    if (!(timeoutSeconds > 0)) {
      throw UserError.usage("--timeout must be positive");
    }
    if (lazyImports != null && !lazyImports.equals("all")) {
      throw UserError.usage("--lazy-imports takes one mode: all (got '" + lazyImports + "')");
    }
    Profile profile;
    boolean interrupted;
    if (lazyImports != null && t instanceof Target.Log) {
      throw UserError.usage("--lazy-imports all needs a target to run, not --log");
    }
    if (t instanceof Target.Log log) {
      if (limits.spec().any()) {
        throw UserError.usage("--cpu, --memory, --cold-cache and --no-bytecode-cache need a target to run, not --log");
      }
      if (!statements.lines.isEmpty()) {
        throw UserError.usage("--lines needs a target to run, not --log");
      }
      profile = Profiler.fromLog(readLog(log.source()), log.source().equals("-") ? "<stdin>" : log.source());
      interrupted = false;
    } else {
      Interpreter py = python.interpreter();
      if (lazyImports != null && !LazyAllSampler.supports(py)) {
        throw UserError.usage(
            "--lazy-imports all needs Python 3.15 or newer (PEP 810 lazy imports), not "
                + py.describe());
      }
      Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
      try (Limits lim = limits.open(py, t, timeout, Map.of(), null);
          Interrupts ints = Interrupts.forCurrentThread();
          Measurement m = Measurement.open(io, events)) {
        Profiler.Request req =
            new Profiler.Request(
                py,
                t,
                runs,
                warmup,
                timeout,
                !noBare,
                Map.of(),
                null,
                lim == null ? List.of() : lim.constraints(),
                lim == null ? RunHook.NONE : lim);
        profile = Explainer.profile(req, m.listener(), Explainer.PROFILE_OPPORTUNITIES).profile();
        if (lazyImports != null && !ints.happened() && profile.runs() > 0) {
          io.err().println("coldstart: measuring the upper bound: " + runs + " pairs, normal and -X lazy_imports=all");
          Profile.LazyAll bound;
          // Timed runs again: nothing of ours runs on the side meanwhile (see SideWork).
          try (SideWork.Quiet q = SideWork.quiet()) {
            bound = new LazyAllSampler(py, t, timeout, Map.of(), null, lim == null ? RunHook.NONE : lim).measure(runs);
          }
          if (bound != null) {
            profile = profile.withLazyAll(bound);
          }
        }
        interrupted = ints.happened();
        if (!interrupted) {
          profile = statements.apply(profile, py, t, out.minMs, timeout, lim == null ? RunHook.NONE : lim, null);
        }
        m.done(summary(profile, interrupted));
      }
      if (profile.runs() == 0) {
        throw new UserError(
            interrupted ? ExitCode.INTERRUPTED : ExitCode.TARGET,
            "nothing was measured" + (profile.stoppedBy() == null ? "" : ": " + profile.stoppedBy()));
      }
    }
    out.write(io, profile);
    if (interrupted) {
      io.err().println("coldstart: interrupted; the result above holds the " + profile.runs() + " runs measured"
          + (recorder != null ? " (not recorded: the store keeps complete measurements only)" : ""));
      return ExitCode.INTERRUPTED;
    }
    if (profile.stoppedBy() != null) {
      io.err().println("coldstart: stopped early: " + profile.stoppedBy() + (recorder != null ? " (not recorded)" : ""));
      return ExitCode.TARGET;
    }
    if (recorder != null) {
      io.err().println(recorder.record(t.describe(), "profile", profile));
    }
    return ExitCode.OK;
  }

  static String summary(Profile p, boolean interrupted) {
    String above =
        p.aboveBareMs() == null
            ? ""
            : String.format(
                java.util.Locale.ROOT,
                "; above bare %.2f ms [%.2f, %.2f]",
                p.aboveBareMs().estimate(),
                p.aboveBareMs().low(),
                p.aboveBareMs().high());
    return p.runs() + " runs of " + p.target() + above + (interrupted ? "; interrupted" : "")
        + (p.stoppedBy() != null && !interrupted ? "; stopped: " + p.stoppedBy() : "");
  }

  private byte[] readLog(String source) {
    try {
      if (source.equals("-")) {
        return io.in().readAllBytes();
      }
      return Files.readAllBytes(Path.of(source));
    } catch (NoSuchFileException e) {
      throw UserError.usage("no such log file: " + source);
    } catch (IOException e) {
      throw UserError.usage("cannot read " + source + ": " + e.getMessage());
    }
  }
}
