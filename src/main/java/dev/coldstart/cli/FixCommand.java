package dev.coldstart.cli;

import dev.coldstart.profile.Sampler;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.fix.Applier;
import dev.coldstart.fix.Change;
import dev.coldstart.fix.Codemod;
import dev.coldstart.fix.Fixer;
import dev.coldstart.fix.ImportCheck;
import dev.coldstart.fix.LoadedAnyway;
import dev.coldstart.fix.Refusal;
import dev.coldstart.fix.Style;
import dev.coldstart.fix.Verification;
import dev.coldstart.gate.RequiresPython;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coldstart fix PATH...}: codemods that make imports lazy. Shows a diff by default; {@code
 * --apply} writes; {@code --verify TARGET} writes, proves the public API unchanged by running
 * Python, re-measures, and restores the files when the proof fails (exit 1).
 */
@Command(
    name = "fix",
    header = "Make imports lazy without changing the public API (diff, --apply, --verify).",
    sortOptions = false,
    description = {
      "Rewrite imports so they run when first needed, keeping the public API:",
      "lazy package __init__ re-exports (PEP 562 __getattr__/__dir__ or PEP 810), imports used only",
      "in annotations under `if TYPE_CHECKING:`, imports used only in functions moved into them,",
      "module-level `NAME = call(...)` computed on first access (PEP 562).",
      "Prints a unified diff unless --apply or --verify is given."
    })
public final class FixCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Python files or directories to fix.")
  List<String> paths;

  @Option(
      names = "--select",
      paramLabel = "KINDS",
      split = ",",
      description = "Fix kinds, comma-separated, by name or by the lint rule code they fix: reexport (CS101), type-checking (CS103), function-local (CS104, CS102), module-call. Default: reexport,type-checking.")
  List<String> select = new ArrayList<>(List.of("reexport", "type-checking"));

  @Option(
      names = "--style",
      paramLabel = "STYLE",
      description = "How a lazy package __init__ is written: pep562 (any Python 3.7+), pep810 (`lazy from`, 3.15+), lazy-modules (__lazy_modules__: eager before 3.15, lazy after). Default: pep810 when the project's requires-python is 3.15 or later, else pep562.")
  String style;

  @Option(names = "--apply", description = "Write the changes (each file replaced atomically), then import each changed module in a fresh interpreter; if one fails, put the original files back and exit 1.")
  boolean apply;

  @Option(
      names = "--no-import-check",
      description = "With --apply: do not import the changed modules after writing (for code this interpreter cannot import).")
  boolean noImportCheck;

  @Option(
      names = "--verify",
      paramLabel = "TARGET",
      description = "Apply, then prove it: compare the public API of each changed module before and after in fresh interpreters, re-measure TARGET (MODULE or SCRIPT.py) and report predicted vs achieved saving. Restores the files and exits 1 if the API changed or TARGET fails.")
  String verify;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Predict the saving for TARGET (MODULE or SCRIPT.py) from its runtime import graph, without --verify.")
  String target;

  @Option(
      names = "--min-python",
      paramLabel = "X.Y",
      description = "The oldest Python the project supports; 3.14+ means annotations are never evaluated at run time (default: the project's requires-python, else 3.8).")
  String minPython;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Measured runs before and after, with --verify (default ${DEFAULT-VALUE}).")
  int runs;

  @Mixin PythonOption python;

  public FixCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Set<Codemod> kinds = EnumSet.noneOf(Codemod.class);
    for (String s : select) {
      Codemod c = Codemod.parse(s);
      if (c == null) {
        throw UserError.usage("unknown fix kind '" + s + "'; choose from " + Codemod.names()
            + (s.strip().toUpperCase(Locale.ROOT).startsWith("CS") ? " (other rules have no automatic fix)" : ""));
      }
      kinds.add(c);
    }
    Optional<RequiresPython> requires = style == null || minPython == null
        ? RequiresPython.near(Path.of(paths.get(0))) : Optional.empty();
    Style st = style != null ? Style.parse(style)
        : requires.filter(r -> r.atLeast(3, 15)).isPresent() ? Style.PEP810 : Style.PEP562;
    if (st == null) {
      throw UserError.usage("unknown style '" + style + "'; choose pep562, pep810 or lazy-modules");
    }
    if (runs < 1) {
      throw UserError.usage("--runs must be at least 1");
    }
    if (verify != null && target != null && !verify.equals(target)) {
      throw UserError.usage("give the target once: --verify TARGET already measures it");
    }
    String oldest = minPython != null ? minPython : requires.filter(r -> r.major() == 3).map(RequiresPython::version).orElse("3.8");
    boolean deferred = minor(oldest) >= 14;
    List<Fixer.FileFix> plan = Fixer.plan(new Fixer.Request(paths, kinds, st, deferred, loadedAnyway(kinds)));
    PrintWriter out = io.out();
    boolean writes = apply || verify != null;
    PrintWriter summary = writes ? out : io.err();
    if (!writes) {
      for (Fixer.FileFix f : plan) {
        out.print(f.diff());
      }
      out.flush();
    }
    List<Fixer.FileFix> changed = plan.stream().filter(Fixer.FileFix::changed).toList();
    if (style == null && st == Style.PEP810) {
      summary.println("Style pep810 (" + requires.get().describe() + "); --style pep562 for older Pythons.");
    }
    describe(summary, plan);
    if (changed.isEmpty()) {
      summary.println("Nothing to change.");
      summary.flush();
      return ExitCode.OK;
    }
    String measured = verify != null ? verify : target;
    Interpreter runner = measured == null ? null : verify != null ? runnerFor(st, changed) : python.interpreter();
    Verification.Measure m = measured == null ? null
        : new Verification.Measure(runner, parseTarget(measured), runs, Duration.ofMinutes(2));
    if (verify != null) {
      Verification.Result r;
      try (Measurement progress = Measurement.open(io, null)) {
        r = Verification.applyAndVerify(plan, m, progress.listener());
      }
      summary.println("Verified with " + runner.describe() + ".");
      report(summary, r);
      summary.flush();
      return r.safe() ? ExitCode.OK : ExitCode.FAILED;
    }
    if (m != null) {
      Verification.Prediction p = Verification.predict(plan, Verification.profile(m, changed.get(0).root(), Sampler.Listener.NONE));
      summary.printf(Locale.ROOT, "Predicted saving for %s: %.1f ms (%.1f to %.1f) of %.1f ms import time%s, %d module(s) no longer loaded%s%n",
          m.target().describe(), p.savingMs(), p.lowMs(), p.highMs(), p.importMs(), share(p), p.freed().size(),
          freed(p.freed()));
    }
    if (apply) {
      var py = noImportCheck ? null : python.interpreter();
      List<Fixer.FileFix> written = Applier.apply(plan);
      if (py != null && !importCheck(summary, py, written)) {
        summary.flush();
        return ExitCode.FAILED;
      }
      summary.println("Wrote " + written.size() + " file(s).");
    } else {
      summary.println(changed.size() + " file(s) would change; run with --apply to write, --verify TARGET to write and prove.");
    }
    summary.flush();
    return ExitCode.OK;
  }

  /** Where CPython 3.15 is looked for when neither --python nor PATH has it (a private prefix install). */
  static final List<Path> PYTHON_315_PLACES = List.of(Path.of("/opt/python-next/3.15/bin/python3.15"));

  /**
   * The interpreter that can run the fixed code: PEP 810 output ({@code lazy} statements, and
   * {@code __lazy_modules__}, which older Pythons ignore, so they would measure nothing) needs
   * 3.15+. Exit 3 when there is none: a verification on an interpreter that cannot run (or does
   * not honour) the written code would prove nothing.
   */
  private Interpreter runnerFor(Style st, List<Fixer.FileFix> changed) {
    Interpreter given = python.interpreter();
    boolean needs315 = st != Style.PEP562 && changed.stream()
        .flatMap(f -> f.changes().stream()).anyMatch(c -> c.kind() == Codemod.REEXPORT);
    if (!needs315) {
      return given;
    }
    return Interpreters.atLeast(given, 3, 15, System.getenv(), PYTHON_315_PLACES)
        .orElseThrow(() -> UserError.target("cannot verify: the " + st.cliName() + " style writes PEP 810 code,"
            + " which only Python 3.15+ runs lazily; " + given.describe() + " is older and there is no"
            + " python3.15 on PATH or at " + PYTHON_315_PLACES.get(0) + "; nothing was written"
            + " (give --python a 3.15 interpreter, or use --apply to write without verifying)"));
  }

  /**
   * The modules the interpreter loads at start-up (moving their imports saves nothing), asked only
   * when a codemod that moves plain imports runs; the fixed list when no interpreter is found.
   */
  private Set<String> loadedAnyway(Set<Codemod> kinds) {
    if (!kinds.contains(Codemod.TYPE_CHECKING) && !kinds.contains(Codemod.FUNCTION_LOCAL)) {
      return LoadedAnyway.EVERY_CPYTHON;
    }
    try {
      return LoadedAnyway.of(python.interpreter());
    } catch (UserError e) {
      return LoadedAnyway.EVERY_CPYTHON;
    }
  }

  /**
   * Imports every written module in a fresh interpreter; on a failure restores the originals,
   * says which modules fail (and whether they failed without the fix too) and returns false.
   */
  private static boolean importCheck(PrintWriter w, dev.coldstart.python.Interpreter py, List<Fixer.FileFix> written) {
    List<ImportCheck.Failure> failures = ImportCheck.run(py, written);
    if (failures.isEmpty()) {
      w.println("Import check: " + written.size() + " changed module(s) import in a fresh interpreter (Python "
          + py.version() + "), every name in __all__ resolved.");
      return true;
    }
    Applier.restore(written);
    Set<String> failing = new java.util.HashSet<>();
    failures.forEach(f -> failing.add(f.module()));
    Set<String> failedBefore = new java.util.HashSet<>();
    ImportCheck.run(py, written.stream().filter(f -> failing.contains(f.module())).toList())
        .forEach(f -> failedBefore.add(f.module()));
    for (ImportCheck.Failure f : failures) {
      w.println("Import check: " + f.module() + " fails after the fix: " + f.error()
          + (failedBefore.contains(f.module())
              ? " (it fails without the fix too: give the project's interpreter with --python, or pass --no-import-check)"
              : ""));
    }
    w.println("The fix is unsafe: the original files were restored.");
    return false;
  }

  private static void describe(PrintWriter w, List<Fixer.FileFix> plan) {
    for (Fixer.FileFix f : plan) {
      for (Change c : f.changes()) {
        w.println(f.shown() + ": " + c.summary());
      }
      for (Refusal r : f.refusals()) {
        w.println(f.shown() + (r.line() > 0 ? ":" + r.line() : "") + ": not fixed"
            + (r.kind() == null ? "" : " (" + r.kind().cliName() + ")") + ": " + r.reason());
      }
    }
  }

  static void report(PrintWriter w, Verification.Result r) {
    w.println("Public API of " + String.join(", ", r.modulesChecked()) + ": "
        + (r.safe() ? "unchanged (__all__, dir(), every name's object, star import)" : "CHANGED"));
    for (String p : r.problems()) {
      w.println("  " + p);
    }
    if (r.restored()) {
      w.println("The fix is unsafe: the original files were restored.");
      return;
    }
    if (r.prediction() != null && r.after() != null) {
      Verification.Prediction p = r.prediction();
      double achieved = r.achievedMs();
      w.printf(Locale.ROOT, "Import time of %s: %.1f ms before, %.1f ms after (median of %d runs each)%n",
          r.before().target(), r.before().importMs().median(), r.after().importMs().median(), r.after().runs());
      w.printf(Locale.ROOT, "Saving of import time: predicted %.1f ms (%.1f to %.1f)%s, achieved %.1f ms (%.0f %%)%s%n",
          p.savingMs(), p.lowMs(), p.highMs(), share(p), achieved, 100 * achieved / r.before().importMs().median(),
          p.savingMs() > 0 ? String.format(Locale.ROOT, ", %.0f %% of predicted", 100 * achieved / p.savingMs()) : "");
      w.println("  (before and after are two profiles taken one after the other, not interleaved: on a busy"
          + " machine the load can change between them; compare the shares)");
      w.printf(Locale.ROOT, "Modules loaded: %.0f before, %.0f after%n", r.before().moduleCount(), r.after().moduleCount());
    }
  }

  /** The predicted share of import time, " = 43 % (40 to 45 %)", or "" when unknown. */
  static String share(Verification.Prediction p) {
    if (p.share() == null) {
      return "";
    }
    return String.format(Locale.ROOT, " = %.0f %% (%.0f to %.0f %%)",
        100 * p.share().median(), 100 * p.share().low(), 100 * p.share().high());
  }

  private static String freed(List<String> freed) {
    if (freed.isEmpty()) {
      return "";
    }
    List<String> head = freed.subList(0, Math.min(8, freed.size()));
    return ": " + String.join(", ", head) + (freed.size() > head.size() ? ", ..." : "");
  }

  static Target parseTarget(String s) {
    if (s.endsWith(".py") || s.contains("/")) {
      Path p = Path.of(s);
      if (!Files.isRegularFile(p)) {
        throw UserError.usage("no such script: " + s);
      }
      return new Target.Script(p.toAbsolutePath(), List.of());
    }
    if (!Target.isModuleName(s)) {
      throw UserError.usage("'" + s + "' is neither a module name nor a script file");
    }
    return new Target.Module(s);
  }

  private static int minor(String v) {
    String[] p = v.strip().split("\\.");
    try {
      if (p.length < 2 || !p[0].equals("3")) {
        throw new NumberFormatException();
      }
      return Integer.parseInt(p[1]);
    } catch (NumberFormatException e) {
      throw UserError.usage("--min-python wants a version like 3.9, not '" + v + "'");
    }
  }
}
