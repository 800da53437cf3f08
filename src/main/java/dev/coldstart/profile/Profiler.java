package dev.coldstart.profile;

import dev.coldstart.SideWork;
import dev.coldstart.UserError;
import dev.coldstart.limits.BytecodeCaches;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The profile use case: check the interpreter can do it, take the untimed inventory, sample, and
 * build the {@link Profile}. Also reads an existing log as a one-run profile.
 */
public final class Profiler {
  private Profiler() {}

  /**
   * A profile request.
   *
   * @param python the interpreter
   * @param target what to run
   * @param runs measured runs
   * @param warmup warm-up runs of each kind
   * @param timeout limit per run
   * @param bare measure the bare interpreter interleaved
   * @param env environment changes for every run
   * @param directory working directory for the runs, or null
   * @param constraints limits in force, for the report
   * @param hook what surrounds each run (see {@code dev.coldstart.limits.Limits}), or RunHook.NONE
   */
  public record Request(
      Interpreter python,
      Target target,
      int runs,
      int warmup,
      Duration timeout,
      boolean bare,
      Map<String, String> env,
      Path directory,
      List<String> constraints,
      RunHook hook) {
    /** A request without limits around its runs. */
    public Request(
        Interpreter python,
        Target target,
        int runs,
        int warmup,
        Duration timeout,
        boolean bare,
        Map<String, String> env,
        Path directory,
        List<String> constraints) {
      this(python, target, runs, warmup, timeout, bare, env, directory, constraints, RunHook.NONE);
    }
  }

  /**
   * Measures; interrupts and late failures end sampling early with what was measured kept. Before
   * sampling, {@code inventory} runs the target (and the bare interpreter) once, untimed, to learn
   * files, extensions and failed imports (the import recorder, see Recording in explain).
   */
  public static Profile run(Request req, Sampler.Listener listener, Inventory.Pass inventory) {
    Interpreter py = req.python();
    if (!py.supportsImportTime()) {
      throw UserError.target(
          py.describe() + " does not support -X importtime (Python 3.7+ needed): "
              + (py.major() < 3 ? "Python 2 rejects the option" : "Python 3.6 and older silently ignore it"));
    }
    List<String> notes = new ArrayList<>();
    if (py.dontWriteBytecode()) {
      notes.add(
          "PYTHONDONTWRITEBYTECODE is set (sys.dont_write_bytecode): modules without an existing .pyc"
              + " are compiled on every run, so times include compilation");
    }
    String started = Instant.now().toString();
    // The untimed inventory runs double as the first warm-up of each kind: they load the same
    // files, so they warm the same caches, and --warmup K costs K runs of each, not K + 1.
    Supplier<Inventory> targetInventory =
        inventory.take(py, req.target(), req.timeout(), req.env(), req.directory());
    Supplier<Inventory> bareInventory =
        req.bare() && !Thread.currentThread().isInterrupted()
            ? inventory.take(py, new Target.Code("pass"), req.timeout(), req.env(), req.directory())
            : () -> new Inventory(Map.of(), "not taken");
    // Which loaded sources lack a fresh .pyc: file reads that can be done while the runs go on.
    SideWork<List<String>> bytecode =
        SideWork.start(
            "bytecode",
            () ->
                BytecodeCaches.notes(
                    py,
                    targetInventory.get().modules().values().stream()
                        .map(Inventory.Entry::file)
                        .toList()));
    Map<Run, SideWork<ProfileBuilder.ParsedRun>> parsed =
        java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    Function<Run, ProfileBuilder.ParsedRun> parsedRun =
        run -> {
          SideWork<ProfileBuilder.ParsedRun> ahead = parsed.get(run);
          return ahead == null ? ProfileBuilder.ParsedRun.of(run) : ahead.join();
        };
    String target = req.target().describe();
    Sampler sampler =
        new Sampler(
            py,
            req.target(),
            new Sampler.Options(
                req.runs(),
                Math.max(0, req.warmup() - 1),
                req.timeout(),
                req.bare(),
                req.env(),
                req.directory(),
                req.hook()),
            parsingAhead(listener, parsed));
    Sampler.Samples samples;
    if (Thread.currentThread().isInterrupted()) {
      samples = new Sampler.Samples(List.of(), List.of(), "interrupted");
    } else {
      // Nothing of ours runs on the side while the timed runs go on (see SideWork).
      try (SideWork.Quiet q = SideWork.quiet()) {
        samples = sampler.sample();
      }
    }
    Inventory inv = targetInventory.get();
    Inventory bareInv = bareInventory.get();
    notes.addAll(req.hook().notes());
    notes.addAll(bytecode.join());
    if (!samples.target().isEmpty()) {
      ImportTimeLog first = ImportTimeLog.parse(String.join("\n", samples.target().get(0).importTimeLines()));
      ImportTimeLog.Support support = first.support();
      if (!support.supported()) {
        throw UserError.target(py.describe() + ": " + support.message());
      }
    }
    return ProfileBuilder.build(
        new ProfileBuilder.Context(target, py, started, req.warmup(), req.constraints(), inv, bareInv),
        samples,
        notes,
        parsedRun);
  }

  /**
   * {@code listener}, and each finished run queued for parsing into {@code parsed}: the lane
   * parses them once the runs are over, in parallel with the thread that builds the profile.
   */
  private static Sampler.Listener parsingAhead(
      Sampler.Listener listener, Map<Run, SideWork<ProfileBuilder.ParsedRun>> parsed) {
    return new Sampler.Listener() {
      @Override
      public void runFinished(Run run, int number, int total) {
        parsed.put(run, SideWork.start("parse", () -> ProfileBuilder.ParsedRun.of(run)));
        listener.runFinished(run, number, total);
      }

      @Override
      public void runStarted(Run.Kind kind, boolean warmup, int number, int total) {
        listener.runStarted(kind, warmup, number, total);
      }

      @Override
      public void warmupFinished(Run.Kind kind, ProcessResult result, int number, int total) {
        listener.warmupFinished(kind, result, number, total);
      }

      @Override
      public void stopped(String reason) {
        listener.stopped(reason);
      }
    };
  }

  /** A one-run profile of an existing log; no interpreter is run, so no files or bare runs. */
  public static Profile fromLog(byte[] raw, String source) {
    ImportTimeLog log = ImportTimeLog.parse(raw);
    ImportTimeLog.Support support = log.support();
    if (!support.supported()) {
      throw UserError.target(source + ": " + support.message());
    }
    if (log.rows().isEmpty()) {
      throw UserError.target(source + ": no import time rows found (is it a `python -X importtime` log?)");
    }
    List<String> lines = ImportTimeText.decode(raw).lines().stream().map(ImportTimeText.Line::text).toList();
    Sampler.Samples samples =
        new Sampler.Samples(List.of(new Run(Run.Kind.TARGET, 0, -1, 0, lines)), List.of(), null);
    List<String> notes = new ArrayList<>();
    notes.add("read from a log: one run, so intervals are the single value; no file paths or failed-import detection");
    return ProfileBuilder.build(
        new ProfileBuilder.Context(
                        "log " + source,
            null,
            null,
            0,
            List.of(),
            new Inventory(Map.of(), "not available for a log"),
            new Inventory(Map.of(), "not available for a log")),
        samples,
        notes);
  }
}
