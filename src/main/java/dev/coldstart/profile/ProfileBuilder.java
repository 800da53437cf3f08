package dev.coldstart.profile;

import dev.coldstart.python.Interpreter;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns measured runs into a {@link Profile}: parses each run's {@code -X importtime} rows, gathers
 * each module's self and cumulative time across the runs it appeared in, and summarises each as a
 * median with a distribution-free interval. Costs O(total rows) plus a sort of each module's
 * sample.
 *
 * <p>A module's time within one run is the sum over its rows (a name can print more than one row,
 * e.g. a failed import tried twice). A run's import time is the sum of its top-level cumulative
 * times. The representative tree is the run whose module count is the median one, first such.
 */
public final class ProfileBuilder {
  private ProfileBuilder() {}

  /** What the builder needs besides the runs. */
  public record Context(
      String target,
      Interpreter python,
      String startedAt,
      int warmup,
      List<String> constraints,
      Inventory inventory,
      Inventory bareInventory) {}

  /** Builds the profile; {@code notes} collects what the reader should know. */
  public static Profile build(Context ctx, Sampler.Samples samples, List<String> notes) {
    return build(ctx, samples, notes, ParsedRun::of);
  }

  /**
   * Builds the profile from runs parsed by {@code parsed} (which may have parsed them ahead, as
   * they finished: see {@link Profiler}).
   */
  static Profile build(
      Context ctx, Sampler.Samples samples, List<String> notes, Function<Run, ParsedRun> parsed) {
    List<ParsedRun> target = samples.target().stream().map(parsed).toList();
    List<ParsedRun> bare = samples.bare().stream().map(parsed).toList();
    List<String> allNotes = new ArrayList<>(notes);
    for (ParsedRun r : target) {
      for (String w : r.warnings) {
        if (!allNotes.contains(w)) {
          allNotes.add(w);
        }
      }
    }
    Set<String> bareNames = new HashSet<>();
    bare.forEach(r -> bareNames.addAll(r.self.keySet()));

    // One lookup per module and run: this loop (runs x modules) is on the way to the result.
    Map<String, ModuleSamples> byModule = new LinkedHashMap<>();
    for (int i = 0; i < target.size(); i++) {
      ParsedRun r = target.get(i);
      for (var e : r.self.entrySet()) {
        ModuleSamples m = byModule.get(e.getKey());
        if (m == null) {
          m = new ModuleSamples(target.size());
          byModule.put(e.getKey(), m);
        }
        m.add(i, e.getValue(), r.cumulative.get(e.getKey()));
      }
    }

    ParsedRun rep = representative(target);
    Map<String, Integer> depth = new HashMap<>();
    List<Profile.TreeNode> tree = rep == null ? List.of() : rep.tree(depth, target);

    Map<String, Inventory.Entry> inv = ctx.inventory().modules();
    List<Profile.ModuleStat> modules = new ArrayList<>();
    for (var e : byModule.entrySet()) {
      String name = e.getKey();
      ModuleSamples m = e.getValue();
      int n = m.n;
      Inventory.Entry entry = inv.get(name);
      // A row without a module at exit: the import raised (or the module was deleted again).
      boolean failed = ctx.inventory().available() && entry == null && !bareNames.contains(name);
      modules.add(
          new Profile.ModuleStat(
              name,
              Estimate.of(Arrays.copyOf(m.self, n)),
              Estimate.of(Arrays.copyOf(m.cumulative, n)),
              n,
              entry == null ? null : entry.file(),
              entry != null && entry.extension(),
              failed,
              bareNames.contains(name),
              depth.getOrDefault(name, -1),
              null,
              null,
              java.util.Collections.unmodifiableList(java.util.Arrays.asList(m.selfByRun)),
              java.util.Collections.unmodifiableList(java.util.Arrays.asList(m.cumulativeByRun))));
    }
    modules.sort(
        Comparator.comparingDouble((Profile.ModuleStat m) -> -m.cumulativeMs().median())
            .thenComparing(Profile.ModuleStat::name));

    if (ctx.inventory().available()) {
      // Modules loaded with no row of their own: importlib.import_module and friends. Aliases
      // (os.path is posixpath) and what the interpreter loads before timing starts are not news.
      Set<String> filesWithRows = new HashSet<>();
      for (String name : byModule.keySet()) {
        Inventory.Entry e = inv.get(name);
        if (e != null && e.file() != null) {
          filesWithRows.add(e.file());
        }
      }
      List<String> silent = new ArrayList<>();
      for (Inventory.Entry e : inv.values()) {
        String name = e.name();
        if (!byModule.containsKey(name)
            && !bareNames.contains(name)
            && !ctx.bareInventory().modules().containsKey(name)
            && e.file() != null
            && !filesWithRows.contains(e.file())) {
          silent.add(name);
        }
      }
      if (!silent.isEmpty()) {
        silent.sort(null);
        allNotes.add(
            silent.size()
                + " module(s) were loaded without an importtime row (importlib.import_module or a"
                + " loader that bypasses the import statement); their time is inside their importer's"
                + " self time: "
                + String.join(", ", silent.subList(0, Math.min(8, silent.size())))
                + (silent.size() > 8 ? ", ..." : ""));
      }
    } else {
      allNotes.add("file paths and failed-import detection unavailable: " + ctx.inventory().problem());
    }
    List<String> failed = modules.stream().filter(Profile.ModuleStat::failed).map(Profile.ModuleStat::name).sorted().toList();
    if (!failed.isEmpty()) {
      allNotes.add(
          failed.size()
              + " import(s) failed: they printed rows but were not loaded at exit (often guarded probes"
              + " for optional modules): "
              + String.join(", ", failed.subList(0, Math.min(8, failed.size())))
              + (failed.size() > 8 ? ", ..." : ""));
    }

    // A run read from a log has no wall time (negative).
    double[] wall = target.stream().mapToDouble(r -> r.wallMs).filter(w -> w >= 0).toArray();
    double[] bareWall = bare.stream().mapToDouble(r -> r.wallMs).toArray();
    double[] imports = target.stream().mapToDouble(r -> r.importMs).toArray();
    double[] bareImports = bare.stream().mapToDouble(r -> r.importMs).toArray();
    // Module counts are what sys.modules held at exit, when the recording run listed it: modules
    // loaded by importlib.import_module have no importtime row, and failed imports have one.
    double[] counts = target.stream().mapToDouble(r -> r.self.size()).toArray();
    double[] bareCounts = bare.stream().mapToDouble(r -> r.self.size()).toArray();
    double moduleCount =
        ctx.inventory().available()
            ? inv.size()
            : counts.length == 0 ? 0 : Estimate.of(counts).median();
    double bareModuleCount =
        ctx.bareInventory().available()
            ? ctx.bareInventory().modules().size()
            : bareCounts.length == 0 ? 0 : Estimate.of(bareCounts).median();
    List<String> loaded =
        ctx.inventory().available() ? inv.keySet().stream().sorted().toList() : null;
    Interpreter py = ctx.python();
    return new Profile(
        Profile.SCHEMA,
        ctx.target(),
        py == null
            ? null
            : new Profile.PythonInfo(
                py.executable().toString(), py.version(), py.implementation(), py.dontWriteBytecode()),
        machine(),
        ctx.startedAt(),
        target.size(),
        ctx.warmup(),
        ctx.constraints(),
        wall.length == 0 ? null : Estimate.of(wall),
        bareWall.length == 0 ? null : Estimate.of(bareWall),
        wall.length == 0 || bareWall.length == 0 ? null : Shift.between(bareWall, wall),
        imports.length == 0 ? null : Estimate.of(imports),
        bareImports.length == 0 ? null : Estimate.of(bareImports),
        moduleCount,
        bareModuleCount,
        List.copyOf(modules),
        tree,
        List.copyOf(allNotes),
        samples.stoppedBy(),
        null,
        new Profile.RunSamples(list(wall), list(imports), list(bareWall), list(bareImports)),
        loaded,
        null,
        null,
        null);
  }

  private static List<Double> list(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** One module's samples over the runs it appeared in, and its self time per run (null: absent). */
  private static final class ModuleSamples {
    final double[] self;
    final double[] cumulative;
    final Double[] selfByRun;
    final Double[] cumulativeByRun;
    int n;

    ModuleSamples(int runs) {
      self = new double[runs];
      cumulative = new double[runs];
      selfByRun = new Double[runs];
      cumulativeByRun = new Double[runs];
    }

    void add(int run, double selfMs, double cumulativeMs) {
      selfByRun[run] = selfMs;
      cumulativeByRun[run] = cumulativeMs;
      self[n] = selfMs;
      cumulative[n] = cumulativeMs;
      n++;
    }
  }

  static Profile.MachineInfo machine() {
    return new Profile.MachineInfo(
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version().toString());
  }

  private static ParsedRun representative(List<ParsedRun> runs) {
    if (runs.isEmpty()) {
      return null;
    }
    int[] counts = runs.stream().mapToInt(r -> r.self.size()).sorted().toArray();
    int median = counts[(counts.length - 1) / 2];
    return runs.stream().filter(r -> r.self.size() == median).findFirst().orElse(runs.get(0));
  }

  /** One run's rows, folded per module. */
  static final class ParsedRun {
    final Map<String, Double> self = new LinkedHashMap<>();
    final Map<String, Double> cumulative = new HashMap<>();
    final List<String> warnings = new ArrayList<>();
    double wallMs;
    double importMs;
    ImportTimeLog log;

    /** Cumulative time of each tree position, keyed by the chain of names from its root. */
    final Map<String, Double> pathCumulative = new HashMap<>();
    final Map<String, Double> pathSelf = new HashMap<>();

    static ParsedRun of(Run run) {
      ParsedRun p = new ParsedRun();
      p.wallMs = run.wallNanos() < 0 ? -1 : run.wallMs();
      p.log = ImportTimeLog.parse(String.join("\n", run.importTimeLines()) + "\n");
      Set<String> open = new HashSet<>();
      Map<String, Integer> seenPaths = new HashMap<>();
      for (ImportTimeLog.Node root : p.log.roots()) {
        double cumulativeMs = p.fold(root, "", open, seenPaths);
        if (!root.cached()) {
          p.importMs += cumulativeMs;
        }
      }
      for (ImportTimeLog.Warning w : p.log.warnings()) {
        p.warnings.add("importtime log: " + w.message());
      }
      return p;
    }

    /**
     * Adds a row and its subtree; returns the row's cumulative time. Self times add up over every
     * row of a name; cumulative times only over rows not nested in a row of the same name: {@code
     * import a.b} prints a row for {@code a.b} around the whole import and another inside {@code
     * a}'s when {@code a/__init__} imports {@code .b} itself.
     *
     * <p>{@code -X importtime} rounds each figure to the microsecond on its own, so the times
     * printed inside a row can add up to a few microseconds more than its cumulative time; the
     * larger is kept, so that a row never costs less than what was measured inside it (retained
     * time, a sum of self times, then never exceeds cumulative time: see docs/explain.md).
     */
    private double fold(
        ImportTimeLog.Node row, String parentPath, Set<String> open, Map<String, Integer> seenPaths) {
      String base = parentPath.isEmpty() ? row.module() : parentPath + "/" + row.module();
      int occurrence = seenPaths.merge(base, 1, Integer::sum);
      String path = occurrence == 1 ? base : base + "#" + occurrence;
      boolean outermost = open.add(row.module());
      double inside = 0;
      for (ImportTimeLog.Node c : row.children()) {
        inside += fold(c, path, open, seenPaths);
      }
      if (outermost) {
        open.remove(row.module());
      }
      if (row.cached()) {
        return inside;
      }
      double ownMs = row.selfUs() / 1000.0;
      double cumulativeMs = Math.max(row.cumulativeUs() / 1000.0, ownMs + inside);
      self.merge(row.module(), ownMs, Double::sum);
      if (outermost) {
        cumulative.merge(row.module(), cumulativeMs, Double::sum);
      } else {
        cumulative.putIfAbsent(row.module(), 0.0);
      }
      pathCumulative.put(path, cumulativeMs);
      pathSelf.put(path, ownMs);
      return cumulativeMs;
    }

    List<Profile.TreeNode> tree(Map<String, Integer> depth, List<ParsedRun> all) {
      List<Profile.TreeNode> out = new ArrayList<>();
      Map<String, Integer> seenPaths = new HashMap<>();
      for (ImportTimeLog.Node n : log.roots()) {
        out.add(node(n, "", 0, depth, all, seenPaths));
      }
      return List.copyOf(out);
    }

    private static Profile.TreeNode node(
        ImportTimeLog.Node n,
        String parentPath,
        int d,
        Map<String, Integer> depth,
        List<ParsedRun> all,
        Map<String, Integer> seenPaths) {
      String base = parentPath.isEmpty() ? n.module() : parentPath + "/" + n.module();
      int occurrence = seenPaths.merge(base, 1, Integer::sum);
      String path = occurrence == 1 ? base : base + "#" + occurrence;
      depth.putIfAbsent(n.module(), d);
      List<Profile.TreeNode> kids = new ArrayList<>(n.children().size());
      for (ImportTimeLog.Node c : n.children()) {
        kids.add(node(c, path, d + 1, depth, all, seenPaths));
      }
      return new Profile.TreeNode(
          n.module(), median(all, path, false), median(all, path, true), n.cached(), List.copyOf(kids));
    }

    /**
     * Median self (or cumulative) time over the runs that have this tree position; 0 when none
     * has (a cached row). A plain loop: this runs for every node after the last run, on cold code.
     */
    private static double median(List<ParsedRun> runs, String path, boolean cumulative) {
      double[] v = new double[runs.size()];
      int n = 0;
      for (ParsedRun r : runs) {
        Double x = (cumulative ? r.pathCumulative : r.pathSelf).get(path);
        if (x != null) {
          v[n++] = x;
        }
      }
      if (n == 0) {
        return 0;
      }
      Arrays.sort(v, 0, n);
      return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
  }
}
