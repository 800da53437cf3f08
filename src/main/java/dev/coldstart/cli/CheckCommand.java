package dev.coldstart.cli;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.gate.CheckConfig;
import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.ConfigReader;
import dev.coldstart.gate.Gate;
import dev.coldstart.profile.Profile;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.report.CheckJson;
import dev.coldstart.report.CheckMarkdown;
import dev.coldstart.report.CheckText;
import dev.coldstart.report.JunitXml;
import dev.coldstart.report.ProfileJson;
import dev.coldstart.report.Sarif;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coldstart check}: the CI gate configured by {@code [tool.coldstart]} in pyproject.toml. */
@Command(
    name = "check",
    header = "The CI gate from [tool.coldstart]: forbidden modules, module counts, budgets, regressions.",
    sortOptions = false,
    description = {
      "The CI gate from [tool.coldstart] in pyproject.toml: forbidden modules (with",
      "the chain of imports that loads each), module counts, time budgets with",
      "confidence intervals, and regressions against a saved profile or a git",
      "reference, timed under each entry's limits (--cpu, --memory, --cold-cache and",
      "--no-bytecode-cache override them). See docs/check.md.",
      "Exit 0 pass (inconclusive checks included), 1 a check failed, 2 configuration,",
      "3 target."
    })
public final class CheckCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--config", paramLabel = "FILE", description = "The pyproject.toml (default: the nearest one from the current directory up).")
  Path config;

  @Mixin PythonOption python;

  @Mixin LimitOptions limits;

  @Option(names = "--runs", paramLabel = "N", description = "Measured runs per timed check (default: runs in the configuration, else 20).")
  Integer runs;

  @Option(names = "--baseline", paramLabel = "FILE", description = "A saved profile (coldstart profile --format json) to compare against; repeatable. Overrides the configuration's baseline.")
  List<Path> baselines = new ArrayList<>();

  @Option(names = "--against", paramLabel = "GIT_REF", description = "Compare against this commit, branch or tag: checked out in a temporary worktree, both sides measured interleaved.")
  String against;

  @Option(names = "--no-timing", description = "Only the deterministic checks (forbidden modules, module counts).")
  boolean noTiming;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, markdown, sarif or junit (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here (atomically) instead of to stdout.")
  String output;

  @Mixin RecordOptions record;

  @Mixin ShardOption shard;

  /** Output formats of check and lint. */
  enum Format {
    text,
    json,
    markdown,
    sarif,
    junit
  }

  public CheckCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    shard.validate();
    Path file = config != null ? config : ConfigReader.find(Path.of(""));
    if (file == null) {
      throw UserError.usage("no pyproject.toml here or above; give --config FILE (see docs/check.md)");
    }
    CheckConfig cfg = ConfigReader.read(file);
    if (runs != null && runs < 2) {
      throw UserError.usage("--runs must be at least 2");
    }
    if (record.store != null && !record.record) {
      throw UserError.usage("--store needs --record (or use coldstart record / coldstart history)");
    }
    if (record.record && noTiming) {
      throw UserError.usage("--record needs the timed checks: drop --no-timing");
    }
    if (shard.present()) {
      List<CheckConfig.Entry> mine = shard.select(cfg.entries());
      if (mine.isEmpty()) {
        io.err().println("coldstart: shard " + shard.shard + " has none of the " + cfg.entries().size() + " entries; nothing to check");
        return ExitCode.OK;
      }
      cfg = withEntries(cfg, mine);
    }
    Interpreter py = interpreter(python, cfg);
    Map<String, Profile> base = readBaselines(cfg);
    CheckReport report;
    Recorder recorder = record.record ? Recorder.open(record.store, cfg) : null;
    try {
      try (Interrupts ints = Interrupts.forCurrentThread();
          Progress progress = new Progress(io.err(), Terminal.stderrIsTerminal())) {
        report =
            Gate.run(
                new Gate.Request(
                    py, cfg, runs != null ? runs : cfg.runs(), base, against, !noTiming, limits.settings(), limits.mode(),
                    record.record),
                progress);
      }
      if (recorder != null) {
        for (var e : report.profiles().entrySet()) {
          io.err().println(recorder.record(e.getKey(), "check", e.getValue()));
        }
      }
    } finally {
      if (recorder != null) {
        recorder.close();
      }
    }
    Path cwd = Path.of("").toAbsolutePath();
    String text =
        switch (format) {
          case text -> CheckText.render(report);
          case json -> CheckJson.render(report);
          case markdown -> CheckMarkdown.render(report);
          case sarif -> Sarif.check(report, cwd, ToolVersion.get());
          case junit -> JunitXml.check(report);
        };
    Output.write(io, output, text);
    if (output != null) {
      io.err().println("coldstart: wrote " + output + ": " + CheckTextSummary.of(report));
    }
    return report.failed() ? ExitCode.FAILED : ExitCode.OK;
  }

  /** {@code cfg} with only {@code entries} (a shard). */
  static CheckConfig withEntries(CheckConfig cfg, List<CheckConfig.Entry> entries) {
    return new CheckConfig(
        cfg.file(), cfg.root(), cfg.python(), cfg.runs(), cfg.timeoutSeconds(), cfg.pythonPath(), entries, cfg.select(),
        cfg.ignore(), cfg.heavyModules(), cfg.baselines(), cfg.regressionPercent(), cfg.regressionMs(), cfg.limits(),
        cfg.store());
  }

  /** --python, else the configuration's python (relative to its directory), else the default. */
  static Interpreter interpreter(PythonOption python, CheckConfig cfg) {
    if (python.python != null || cfg.python() == null) {
      return python.interpreter();
    }
    String p = cfg.python();
    if (p.contains("/")) {
      p = cfg.root().resolve(p).toString();
    }
    return Interpreters.locate(p, System.getenv());
  }

  private Map<String, Profile> readBaselines(CheckConfig cfg) {
    List<Path> files = new ArrayList<>(baselines);
    if (files.isEmpty() && against == null) {
      cfg.baselines().forEach(b -> files.add(cfg.root().resolve(b)));
    }
    Map<String, Profile> out = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        out.put(f.toString(), ProfileJson.read(Files.readString(f), f.toString()));
      } catch (NoSuchFileException e) {
        throw UserError.usage("no such baseline file: " + f + " (make one with: coldstart profile TARGET --format json -o " + f + ")");
      } catch (IOException e) {
        throw UserError.usage("cannot read " + f + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** The one-line summary printed to stderr when the report goes to a file. */
  static final class CheckTextSummary {
    private CheckTextSummary() {}

    static String of(CheckReport r) {
      return r.results().size() + " checks, " + r.count(dev.coldstart.gate.Status.FAIL) + " failed";
    }
  }

  /** A progress line on stderr when it is a terminal. */
  static final class Progress extends StatusLine implements Gate.Listener {
    Progress(java.io.PrintWriter err, boolean live) {
      super(err, live);
    }

    @Override
    public void phase(String what) {
      draw("check: " + what);
    }

    @Override
    public void progress(String entry, int done, int total) {
      draw("check: " + entry + ": run " + done + "/" + total);
    }
  }
}
