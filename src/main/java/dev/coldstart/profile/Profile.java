package dev.coldstart.profile;

import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.util.List;

/**
 * A finished (or interrupted) profile: what was run, how, and per-module statistics. This record is
 * the JSON document of {@code --format json} (schema {@value #SCHEMA}, documented in
 * docs/profile-json.md); renderers and later verbs read it, and {@code report} reads it back.
 *
 * @param schema always {@value #SCHEMA}; bumped on an incompatible change
 * @param target how the target reads, e.g. {@code import json}
 * @param python the interpreter
 * @param machine where it ran
 * @param startedAt ISO-8601 time of the first run
 * @param runs measured target runs
 * @param warmup unrecorded warm-up runs of each kind
 * @param constraints limits the runs ran under, as "name=value" (empty: none)
 * @param wallMs target process wall time
 * @param bareWallMs bare interpreter ({@code -c pass}) wall time, or null when not measured
 * @param aboveBareMs the target's wall time minus the bare interpreter's (Hodges-Lehmann shift)
 * @param importMs the sum of top-level cumulative import time per run
 * @param bareImportMs the same for the bare interpreter
 * @param moduleCount modules in {@code sys.modules} when the target exited (its import recording:
 *     modules loaded by {@code importlib.import_module} count, failed imports do not); without a
 *     recording (a log), modules with an importtime row (median over runs)
 * @param bareModuleCount the same for the bare interpreter
 * @param modules one entry per module seen, sorted by median cumulative time, largest first
 * @param tree the import tree of one representative run, as module names
 * @param notes things the user should know to read the numbers right
 * @param stoppedBy why sampling ended before all runs, or null
 * @param opportunities imports whose deferral saves most, largest predicted saving first (see
 *     docs/explain.md); null when the import recording was not made
 * @param samples the per-run totals behind the estimates above, for tests between two profiles
 *     ({@code diff}); null in profiles saved before it existed
 * @param loaded every module in {@code sys.modules} when the target exited, sorted (what {@code
 *     diff} compares); null without an import recording, and in profiles saved before it existed
 * @param bodies where the heaviest module bodies spend their own time, statement by statement,
 *     from one extra traced run (see docs/explain.md); null when no body was traced
 * @param lazyImports the program's lazy imports (Python 3.15+, PEP 810): where each was declared,
 *     and where it was reified or that it was avoided; null when the import recording was not
 *     made or saw none
 * @param lazyAll what the global lazy mode would save ({@code --lazy-imports all}), or null
 */
public record Profile(
    String schema,
    String target,
    PythonInfo python,
    MachineInfo machine,
    String startedAt,
    int runs,
    int warmup,
    List<String> constraints,
    Estimate wallMs,
    Estimate bareWallMs,
    Shift aboveBareMs,
    Estimate importMs,
    Estimate bareImportMs,
    double moduleCount,
    double bareModuleCount,
    List<ModuleStat> modules,
    List<TreeNode> tree,
    List<String> notes,
    String stoppedBy,
    List<Opportunity> opportunities,
    RunSamples samples,
    List<String> loaded,
    List<LazyImport> lazyImports,
    LazyAll lazyAll,
    List<BodyLines> bodies) {

  public static final String SCHEMA = "coldstart.profile/1";

  /** A profile without statement times and lazy imports. */
  public Profile(
      String schema,
      String target,
      PythonInfo python,
      MachineInfo machine,
      String startedAt,
      int runs,
      int warmup,
      List<String> constraints,
      Estimate wallMs,
      Estimate bareWallMs,
      Shift aboveBareMs,
      Estimate importMs,
      Estimate bareImportMs,
      double moduleCount,
      double bareModuleCount,
      List<ModuleStat> modules,
      List<TreeNode> tree,
      List<String> notes,
      String stoppedBy,
      List<Opportunity> opportunities,
      RunSamples samples,
      List<String> loaded) {
    this(schema, target, python, machine, startedAt, runs, warmup, constraints, wallMs, bareWallMs,
        aboveBareMs, importMs, bareImportMs, moduleCount, bareModuleCount, modules, tree, notes,
        stoppedBy, opportunities, samples, loaded, null, null, null);
  }

  /** This profile with {@code bodies}, and {@code opportunities} and {@code notes} in place of its own. */
  public Profile withBodies(List<BodyLines> bodies, List<Opportunity> opportunities, List<String> notes) {
    return new Profile(schema, target, python, machine, startedAt, runs, warmup, constraints, wallMs,
        bareWallMs, aboveBareMs, importMs, bareImportMs, moduleCount, bareModuleCount, modules, tree,
        notes, stoppedBy, opportunities, samples, loaded, lazyImports, lazyAll, bodies);
  }

  /**
   * Where one module body's own time goes, statement by statement. The times come from one extra
   * run traced at every line of that body (which slows it); they are shown as shares of the body's
   * traced own time, applied to its untraced median self time.
   *
   * @param module dotted module name
   * @param file its source file
   * @param selfMs the untraced median self time the shares are applied to
   * @param tracedSelfMs the module's self time in the traced run (its {@code -X importtime} row)
   * @param statements its top-level statements, most expensive first (the cheap ones cut)
   * @param otherStatements how many cheaper statements were left out
   */
  public record BodyLines(
      String module,
      String file,
      double selfMs,
      double tracedSelfMs,
      List<StatementCost> statements,
      int otherStatements) {}

  /**
   * One top-level statement of a traced body.
   *
   * @param line first line
   * @param endLine last line
   * @param text its first line, stripped
   * @param share of the body's own time in the traced run (0..1); imports it made are excluded
   * @param estimatedMs share x the untraced median self time
   * @param tracedMs its own time in the traced run
   * @param importsMs time spent loading other modules under it (the import graph has those)
   * @param assigned for {@code NAME = call(...)}, NAME; else null
   * @param paths the call paths below it that take its time, most samples first (up to 3)
   */
  public record StatementCost(
      int line,
      int endLine,
      String text,
      double share,
      double estimatedMs,
      double tracedMs,
      double importsMs,
      String assigned,
      List<CallPath> paths) {}

  /**
   * A call path below a statement, from timing every call in the traced run (importlib's frames
   * folded away): a call made by the statement, then the callee that took most of its time, and so
   * on while one callee takes at least half.
   *
   * @param share of the statement's traced time spent in the path's first call
   * @param frames outermost first
   */
  public record CallPath(double share, List<Frame> frames) {}

  /** A function in a call path: its name, file and first line. */
  public record Frame(String function, String file, int line) {}

  /** This profile with {@code lazyAll} set. */
  public Profile withLazyAll(LazyAll lazyAll) {
    return new Profile(
        schema, target, python, machine, startedAt, runs, warmup, constraints, wallMs, bareWallMs,
        aboveBareMs, importMs, bareImportMs, moduleCount, bareModuleCount, modules, tree, notes,
        stoppedBy, opportunities, samples, loaded, lazyImports, lazyAll, bodies);
  }

  /**
   * A sum of medians with the sum of interval ends (conservative; see docs/explain.md), in ms.
   */
  public record Interval(double median, double low, double high) {}

  /**
   * An import whose deferral would save start-up time.
   *
   * @param scope "statement" (one import statement), "package-init" (every re-export in one
   *     package {@code __init__}) or "every-import" (every import of one module)
   * @param importer the module holding the statement(s); null for every-import
   * @param module the module the statement imports (the package for package-init)
   * @param file the statement's file, or null
   * @param line its line (the first re-export for package-init), or 0
   * @param statement its source text, or null
   * @param savingMs predicted saving of import time (summed {@code -X importtime} rows, not the
   *     whole process's wall time): the self times of the modules no longer loaded, at the load of
   *     the measured runs
   * @param shareOfImport the same saving as a share (0..1) of each run's import time, median and
   *     95 % interval of the per-run ratios: what carries over to another machine load; null when
   *     unknown (a module-statement opportunity, or a profile without per-run times)
   * @param freed those modules, most expensive first
   * @param fix the kind of change that defers it: reexport-lazy-init, function-local,
   *     type-checking, defer-optional-probe or unknown
   */
  public record Opportunity(
      String scope,
      String importer,
      String module,
      String file,
      int line,
      String statement,
      Interval savingMs,
      Interval shareOfImport,
      List<String> freed,
      String fix) {}

  /**
   * A lazy import of the program (Python 3.15+, PEP 810).
   *
   * @param module the module (resolved)
   * @param status "reified" (its first use imported it while the program started), "avoided"
   *     (nothing used it; not loaded) or "loaded-anyway" (not used, but another import loaded it)
   * @param declaredBy what made it lazy: "lazy-statement", "lazy-modules" ({@code
   *     __lazy_modules__}), "global-mode" ({@code -X lazy_imports=all}); null when it was declared
   *     before the recorder started
   * @param filter the program's lazy imports filter was consulted and kept it lazy
   * @param declared where it was declared (module, file, line, statement); null when unknown
   * @param reified its first use (module, file, line, the using line, function or null at module
   *     level); null unless reified
   * @param costMs for a reified one: what start-up would save if the use moved out of start-up
   *     (the self times of the modules only it loads); null otherwise
   * @param freed those modules, most expensive first (empty unless reified)
   */
  public record LazyImport(
      String module,
      String status,
      String declaredBy,
      boolean filter,
      Site declared,
      Site reified,
      Interval costMs,
      List<String> freed) {}

  /** A place in the program: module, file, line, source text, function (null: module level). */
  public record Site(String module, String file, int line, String statement, String function) {}

  /**
   * What running under the global lazy mode ({@code -X lazy_imports=all}, Python 3.15+) saves:
   * runs of the target as it is interleaved with runs under the mode, an upper bound of what
   * making imports lazy can give.
   *
   * @param runs pairs measured
   * @param wallMs wall time under the mode
   * @param savingMs the normal runs' wall time minus the lazy runs' (Hodges-Lehmann shift, 95 %
   *     interval): positive is faster
   * @param moduleCount modules imported by a run under the mode (median)
   * @param avoided modules the normal runs import and the lazy runs do not, alphabetically
   * @param sameBehaviour every pair had the same exit code, standard output and standard error
   *     (import time rows left out)
   * @param differences how the first differing pairs differed, one line each (empty when the same)
   */
  public record LazyAll(
      int runs,
      Estimate wallMs,
      Shift savingMs,
      double moduleCount,
      List<String> avoided,
      boolean sameBehaviour,
      List<String> differences) {}

  /**
   * The installed distribution an extension module's file belongs to (from the dist-info RECORD).
   *
   * @param name distribution name, e.g. pydantic_core
   * @param version its version
   * @param tags the wheel's tags (dist-info WHEEL "Tag:" lines), e.g. cp311-cp311-manylinux_2_17_x86_64
   * @param platformSpecific the wheel was built for one platform (a tag whose platform is not "any")
   */
  public record Distribution(
      String name, String version, List<String> tags, boolean platformSpecific) {}

  /** The interpreter, as reports show it. */
  public record PythonInfo(
      String executable, String version, String implementation, boolean dontWriteBytecode) {}

  /** The machine, as reports show it. */
  public record MachineInfo(String os, String arch, int cpus, String javaVersion) {}

  /**
   * One module.
   *
   * @param name dotted module name
   * @param selfMs time in the module's own body, its imports excluded
   * @param cumulativeMs time including everything it imported first; with the import recording,
   *     also the self times of the modules it loaded after its own import had finished (a
   *     package's lazy {@code __getattr__}), which {@code -X importtime} puts elsewhere (see
   *     docs/explain.md)
   * @param runs in how many target runs it was imported (less than all: it varies between runs)
   * @param file its file, or null (built-in, frozen, namespace package, or unknown)
   * @param extension a compiled extension module (.so/.pyd)
   * @param failed its import raised: it printed a row but was not loaded at exit
   * @param bare also imported by the bare interpreter (start-up cost, not the target's)
   * @param depth its nesting level in the representative tree (0 = imported by the target)
   * @param retainedMs self times of everything only this module brings in (dominator subtree),
   *     null when the import recording was not made
   * @param distribution for an extension module, the distribution it was installed with, or null
   * @param selfRunsMs self time in each measured run, in run order (null where the run did not
   *     import it); kept in memory for per-run sums (retained time, predicted savings), not
   *     written to JSON
   * @param cumulativeRunsMs cumulative time in each measured run, as {@code selfRunsMs}; not
   *     written to JSON
   */
  public record ModuleStat(
      String name,
      Estimate selfMs,
      Estimate cumulativeMs,
      int runs,
      String file,
      boolean extension,
      boolean failed,
      boolean bare,
      int depth,
      Interval retainedMs,
      Distribution distribution,
      @com.fasterxml.jackson.annotation.JsonIgnore List<Double> selfRunsMs,
      @com.fasterxml.jackson.annotation.JsonIgnore List<Double> cumulativeRunsMs) {
    /** A module without the import recording's results. */
    public ModuleStat(
        String name,
        Estimate selfMs,
        Estimate cumulativeMs,
        int runs,
        String file,
        boolean extension,
        boolean failed,
        boolean bare,
        int depth) {
      this(name, selfMs, cumulativeMs, runs, file, extension, failed, bare, depth, null, null, null, null);
    }
  }

  /**
   * A node of the representative import tree (one row of the log), with the medians of that tree
   * position over the runs that had it; intervals per module are in {@link #modules()}.
   *
   * @param name dotted module name
   * @param selfMs median self time of this row
   * @param cumulativeMs median cumulative time of this row
   * @param cached a 3.14 {@code -X importtime=2} row for an already loaded module
   * @param children rows printed inside this one, in import order
   */
  public record TreeNode(
      String name, double selfMs, double cumulativeMs, boolean cached, List<TreeNode> children) {}

  /**
   * Per-run totals, in run order (target runs and bare runs interleave, so index i of the target
   * lists and of the bare lists were measured close together).
   *
   * @param wallMs target process wall time of each run (empty when read from a log)
   * @param importMs sum of top-level cumulative import time of each target run
   * @param bareWallMs wall time of each bare interpreter run
   * @param bareImportMs import time of each bare interpreter run
   */
  public record RunSamples(
      List<Double> wallMs, List<Double> importMs, List<Double> bareWallMs, List<Double> bareImportMs) {}
}
