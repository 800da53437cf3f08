package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.gate.Gate;
import dev.coldstart.limits.Limits;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coldstart record [TARGET]}: measure like {@code profile} and keep the result in the results
 * store, with the commit, interpreter and machine. Without TARGET, every entry of {@code
 * [tool.coldstart]} (or this runner's {@code --shard}).
 */
@Command(
    name = "record",
    header = "Measure and keep the result in the results store (SQLite or PostgreSQL), per commit.",
    sortOptions = false,
    description = {
      "Measure TARGET as profile does and record the result in the results store with the",
      "commit, branch, interpreter, machine and limits; without TARGET, every entry of",
      "[tool.coldstart] (--shard I/N: this runner's share). Read it back with history.",
      "See docs/history.md."
    })
public final class RecordCommand implements Callable<Integer> {
  private final Io io;

  @Mixin TargetOptions target;

  @Mixin PythonOption python;

  @Mixin LimitOptions limits;

  @Option(names = "--runs", paramLabel = "N", description = "Measured runs (default: runs in the configuration for its entries, else 10).")
  Integer runs;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Kill a run (and its children) after this long (default ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--config", paramLabel = "FILE", description = "The pyproject.toml (default: the nearest one from the current directory up).")
  Path config;

  @Mixin StoreOption store;

  @Mixin ShardOption shard;

  public RecordCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    shard.validate();
    if (runs != null && runs < 2) {
      throw UserError.usage("--runs must be at least 2");
    }
    if (!(timeoutSeconds > 0)) {
      throw UserError.usage("--timeout must be positive");
    }
    if (target.present()) {
      if (shard.present()) {
        throw UserError.usage("--shard splits the entries of [tool.coldstart]; give no TARGET with it");
      }
      Target t = target.target();
      if (t instanceof Target.Log) {
        throw UserError.usage("record needs a target to run, not --log (a log has no runs of its own)");
      }
      return recordTarget(t);
    }
    return recordEntries();
  }

  private CheckConfig configOrNull() {
    if (config != null) {
      return ConfigReader.read(config);
    }
    return Recorder.nearestConfig();
  }

  private int recordTarget(Target t) {
    CheckConfig cfg = configOrNull();
    Interpreter py = python.interpreter();
    Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
    try (Recorder recorder = Recorder.open(store.store, cfg)) {
      Profile p;
      boolean interrupted;
      try (Limits lim = limits.open(py, t, timeout, Map.of(), null);
          Interrupts ints = Interrupts.forCurrentThread();
          Measurement m = Measurement.open(io, null)) {
        p = Profiler.run(
            new Profiler.Request(
                py, t, runs != null ? runs : 10, 1, timeout, true, Map.of(), null,
                lim == null ? List.of() : lim.constraints(), lim == null ? RunHook.NONE : lim),
            m.listener(),
            new dev.coldstart.explain.Recording.Pass<>());
        interrupted = ints.happened();
        m.done(ProfileCommand.summary(p, interrupted));
      }
      if (interrupted || p.stoppedBy() != null || p.runs() == 0) {
        throw new UserError(
            interrupted ? ExitCode.INTERRUPTED : ExitCode.TARGET,
            "nothing recorded: " + (interrupted ? "interrupted" : p.stoppedBy() != null ? p.stoppedBy() : "no runs"));
      }
      io.out().println(recorder.record(t.describe(), "record", p).substring("coldstart: ".length()));
    }
    return ExitCode.OK;
  }

  private int recordEntries() {
    CheckConfig cfg = configOrNull();
    if (cfg == null) {
      throw UserError.usage("no TARGET and no pyproject.toml here or above: give a TARGET, or --config FILE with [[tool.coldstart.entry]]");
    }
    if (cfg.entries().isEmpty()) {
      throw UserError.usage(cfg.file() + " has no [[tool.coldstart.entry]]: give a TARGET (see docs/history.md)");
    }
    List<CheckConfig.Entry> mine = shard.select(cfg.entries());
    if (mine.isEmpty()) {
      io.err().println("coldstart: shard " + shard.shard + " has none of the " + cfg.entries().size() + " entries; nothing to record");
      return ExitCode.OK;
    }
    // Only timing: the entries' checks (budgets, forbidden modules) are check's job.
    List<CheckConfig.Entry> timed = new ArrayList<>();
    for (CheckConfig.Entry e : mine) {
      timed.add(new CheckConfig.Entry(e.name(), e.target(), e.line(), null, null, List.of(), e.limits()));
    }
    CheckConfig only = CheckCommand.withEntries(cfg, timed);
    Interpreter py = CheckCommand.interpreter(python, cfg);
    try (Recorder recorder = Recorder.open(store.store, cfg)) {
      CheckReport report;
      try (Interrupts ints = Interrupts.forCurrentThread();
          CheckCommand.Progress progress = new CheckCommand.Progress(io.err(), Terminal.stderrIsTerminal())) {
        report = Gate.run(
            new Gate.Request(py, only, runs != null ? runs : cfg.runs(), Map.of(), null, true, limits.settings(),
                limits.mode(), true),
            progress);
      }
      report.notes().forEach(n -> io.err().println("coldstart: " + n));
      for (var e : report.profiles().entrySet()) {
        io.out().println(recorder.record(e.getKey(), "record", e.getValue()).substring("coldstart: ".length()));
      }
      var failures = report.results();
      if (!failures.isEmpty()) {
        failures.forEach(r -> io.err().println("coldstart: " + r.entry() + ": " + r.summary()));
        return ExitCode.TARGET;
      }
    }
    return ExitCode.OK;
  }
}
