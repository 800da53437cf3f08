package dev.coldstart.fix;

import dev.coldstart.graph.Cycles;
import dev.coldstart.graph.Edge;
import dev.coldstart.graph.EdgeFilter;
import dev.coldstart.graph.GraphBuilder;
import dev.coldstart.graph.ImportGraph;
import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.SearchPath;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What runs when a package is imported, read from the static import graph of the tree it lives in
 * ({@link GraphBuilder}, import-time edges; {@code try ... except ImportError} imports count, since
 * they run when the module is there). It answers the one question a partial rewrite of an {@code
 * __init__} raises: does deferring this statement change the order in which the modules of an
 * import cycle run?
 *
 * <p>Inside a cycle, a module may read a name from a partner that has not finished running ({@code
 * from .y import y} while y is still at its first line). Whether that works depends on which
 * member is entered first, and an eager {@code __init__} fixes that entry point. A deferred
 * statement that would load a cycle member moves the entry to whichever import comes first later
 * (a still-eager line below it, {@code import pkg.y} by a user, the first access to a lazy name),
 * so such a statement is refused with the cycle printed. The package itself and its parents are
 * running already (importing them again is a no-op), so their edges are left out of the cycles;
 * modules the eager statements above the deferred one load are loaded before it either way, and so
 * are those the parents' statements load before the one that leads to the package.
 *
 * <p>Cost: the graph is built once per sys.path root, reading only the files reachable from the
 * packages being fixed (one scan each, on all cores); each question is a breadth-first walk and,
 * once per package, Tarjan's algorithm over that graph, linear in its edges.
 */
final class LoadOrder {
  private static final EdgeFilter RUNS = new EdgeFilter(false, false, true, false);

  private final Path root;
  private final Collection<String> starts;
  private ImportGraph graph;
  private final Map<String, Map<String, Cycles.Cycle>> cyclesByPackage = new HashMap<>();

  /**
   * @param root the sys.path entry the packages are importable from
   * @param starts the packages whose {@code __init__} may be rewritten (the graph is what they reach)
   */
  LoadOrder(Path root, Collection<String> starts) {
    this.root = root;
    this.starts = List.copyOf(new LinkedHashSet<>(starts));
  }

  private synchronized ImportGraph graph(String pkg) {
    if (graph == null || !graph.scanned().contains(pkg)) {
      Set<String> from = new LinkedHashSet<>(starts);
      from.add(pkg);
      ModuleLayout layout = ModuleLayout.of(SearchPath.ofRoots(List.of(root)));
      graph = GraphBuilder.reachable(layout, from, RUNS, Runtime.getRuntime().availableProcessors());
    }
    return graph;
  }

  /**
   * Why deferring the statement at {@code line} of package {@code pkg}'s {@code __init__} is unsafe,
   * or null. {@code eagerAbove} are the lines of the statements above it that stay eager.
   */
  String cycleProblem(String pkg, int line, Collection<Integer> eagerAbove) {
    ImportGraph g = graph(pkg);
    Set<String> running = new HashSet<>();
    for (String p = pkg; ; p = p.substring(0, p.lastIndexOf('.'))) {
      running.add(p);
      if (!p.contains(".")) {
        break;
      }
    }
    Set<String> loaded = new HashSet<>(running);
    List<String> ancestors = new ArrayList<>(running);
    ancestors.remove(pkg);
    ancestors.sort(java.util.Comparator.comparingInt(String::length));
    for (String a : ancestors) {
      loaded.addAll(ranBefore(g, a, pkg, loaded));
    }
    for (int above : eagerAbove) {
      loaded.addAll(closure(g, targets(g, pkg, above), loaded));
    }
    Set<String> entered = closure(g, targets(g, pkg, line), loaded);
    Map<String, Cycles.Cycle> cycles = cycles(g, pkg, running);
    for (String m : entered) {
      Cycles.Cycle c = cycles.get(m);
      if (c != null) {
        return "it enters the import cycle " + show(c) + " (through " + m + "); deferred, those modules"
            + " would run in a different order (entered from a later import, or from the first use of"
            + " a lazy name), and one may find the other half-initialised";
      }
    }
    return null;
  }

  /**
   * What a parent package's {@code __init__} has loaded by the time pkg runs: the closures of its
   * statements, in order, up to the first one that leads to pkg (that one is still running), or all
   * of them when none does (then pkg is imported after the parent finished).
   */
  private static Set<String> ranBefore(ImportGraph g, String parent, String pkg, Set<String> loaded) {
    java.util.TreeMap<Integer, List<String>> byLine = new java.util.TreeMap<>();
    for (Edge e : g.edgesFrom(parent)) {
      if (e.kind() == Edge.Kind.IMPORT && RUNS.admits(e)) {
        byLine.computeIfAbsent(e.statement().line(), k -> new ArrayList<>()).add(e.to());
      }
    }
    Set<String> known = new HashSet<>(loaded);
    Set<String> out = new HashSet<>();
    for (List<String> targets : byLine.values()) {
      Set<String> c = closure(g, targets, known);
      if (c.contains(pkg) || targets.contains(pkg)) {
        break;
      }
      out.addAll(c);
      known.addAll(c);
    }
    return out;
  }

  /** The modules the package's statement at line loads directly. */
  private static List<String> targets(ImportGraph g, String pkg, int line) {
    List<String> out = new ArrayList<>();
    for (Edge e : g.edgesFrom(pkg)) {
      if (e.kind() == Edge.Kind.IMPORT && e.statement().line() == line && RUNS.admits(e)) {
        out.add(e.to());
      }
    }
    return out;
  }

  /** Everything loading these modules runs, not walking into modules already loaded. */
  private static Set<String> closure(ImportGraph g, List<String> from, Set<String> loaded) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>(from);
    while (!work.isEmpty()) {
      String m = work.pop();
      if (loaded.contains(m) || !seen.add(m)) {
        continue;
      }
      for (Edge e : g.edgesFrom(m)) {
        if (RUNS.admits(e)) {
          work.push(e.to());
        }
      }
    }
    return seen;
  }

  /** Module -> the cycle it belongs to, for the graph without the running packages' own edges. */
  private synchronized Map<String, Cycles.Cycle> cycles(ImportGraph g, String pkg, Set<String> running) {
    return cyclesByPackage.computeIfAbsent(pkg, k -> {
      Map<String, List<Edge>> out = new LinkedHashMap<>();
      for (String m : g.modules().keySet()) {
        out.put(m, running.contains(m) ? List.of() : g.edgesFrom(m));
      }
      ImportGraph without = new ImportGraph(g.roots(), g.modules(), g.scanned(), out, g.unresolved(),
          g.problems(), g.pth());
      Map<String, Cycles.Cycle> byModule = new HashMap<>();
      for (Cycles.Cycle c : Cycles.of(without, RUNS)) {
        c.members().forEach(m -> byModule.put(m, c));
      }
      return byModule;
    });
  }

  private static String show(Cycles.Cycle c) {
    if (c.path().isEmpty()) {
      return String.join(", ", c.members());
    }
    StringBuilder sb = new StringBuilder(c.path().get(0).from());
    for (Edge e : c.path()) {
      sb.append(" -> ").append(e.to());
    }
    return sb.toString();
  }
}
