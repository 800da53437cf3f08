package dev.coldstart.rules;

import dev.coldstart.graph.Edge;
import dev.coldstart.graph.EdgeFilter;
import dev.coldstart.graph.GraphBuilder;
import dev.coldstart.graph.ImportGraph;
import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.SearchPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import statement costs, estimated from the static import graph: how many modules it
 * loads that are not loaded anyway when it runs. "Anyway" is the importer itself, its parent
 * packages and everything they load (Python runs {@code a/__init__.py} before {@code a/b.py}),
 * and the modules every interpreter has loaded before the program starts. So {@code from .globals
 * import g} in {@code flask/helpers.py} costs 0 when {@code flask/__init__.py} loads
 * {@code flask.globals} already, and {@code import sqlite3} costs sqlite3 and what it imports.
 *
 * <p>The graph is the one {@code graph --closure} reads: module-level and class-level imports,
 * conditional ones included, plus imports guarded by {@code try/except ImportError} (which load
 * when the module is installed; counting them predicts the loaded set better, see docs/graph.md),
 * resolved over the linted trees first and then the interpreter's sys.path. Cost: one scan of each
 * file reached from the linted modules (about what {@code coldstart imports} costs on them), then
 * a breadth-first walk per statement and per parent package, linear in the modules it reaches.
 */
final class StatementCosts {
  /** The statements counted: import time, with optional dependencies assumed installed. */
  static final EdgeFilter FILTER = new EdgeFilter(false, false, true, false);

  private ImportGraph graph;
  private final Map<String, String> moduleOf = new HashMap<>();
  private final Map<String, Set<String>> loadedBefore = new HashMap<>();

  private StatementCosts() {}

  /**
   * Builds the graph of what the linted files reach.
   *
   * @param paths the files and directories the user named
   * @param files the linted Python files
   * @param interpreter the interpreter's search path, or null to resolve against the linted trees only
   */
  static StatementCosts of(List<String> paths, List<PythonFile> files, SearchPath interpreter, int jobs) {
    Set<Path> roots = new LinkedHashSet<>();
    for (String p : paths) {
      roots.add(rootOf(Path.of(p)));
    }
    SearchPath base = interpreter != null ? interpreter : SearchPath.ofRoots(List.of());
    ModuleLayout layout = ModuleLayout.of(base.withLeadingRoots(new ArrayList<>(roots)));
    StatementCosts costs = new StatementCosts();
    for (PythonFile f : files) {
      Path file = Path.of(f.path()).toAbsolutePath().normalize();
      roots.stream().filter(file::startsWith).findFirst().ifPresent(r -> costs.moduleOf.put(f.path(), moduleName(r, file)));
    }
    costs.graph = GraphBuilder.reachable(layout, costs.moduleOf.values(), FILTER, jobs);
    return costs;
  }

  /**
   * The sys.path entry a path the user named belongs to: the nearest directory up from it that is
   * not a regular package (has no {@code __init__.py}), as {@code graph PATH} finds it. Files in
   * namespace-package directories below it get their full dotted names from it.
   */
  private static Path rootOf(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path dir = Files.isDirectory(p) ? p : p.getParent();
    while (dir.getParent() != null && Files.isRegularFile(dir.resolve("__init__.py"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** {@code root/a/b/c.py} is a.b.c; {@code root/a/__init__.py} is a. */
  private static String moduleName(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file).forEach(p -> parts.add(p.toString()));
    String last = parts.remove(parts.size() - 1).replaceFirst("\\.pyw?$", "");
    if (!last.equals("__init__")) {
      parts.add(last);
    }
    return String.join(".", parts);
  }

  /**
   * How many modules the statement(s) on this line of this file (as walked) load beyond what is
   * loaded anyway; null when the file is not in the graph or an import on the line names a module
   * that is not found and nothing else on the line resolved. Cost: a scan of the module's
   * unresolved imports when nothing resolved.
   */
  Integer modules(String file, int line) {
    String module = moduleOf.get(file);
    if (module == null) {
      return null;
    }
    List<String> targets = new ArrayList<>();
    for (Edge e : graph.edgesFrom(module)) {
      if (e.statement() != null && e.statement().line() == line) {
        targets.add(e.to());
      }
    }
    if (targets.isEmpty()) {
      // No edge: the line names nothing that resolved (unknown), or only what is loaded already
      // (`import pkg as p` inside pkg: the edge to a parent is dropped, see docs/graph.md).
      boolean unresolved = graph.unresolved().stream()
          .anyMatch(u -> u.importer().equals(module) && u.statement().line() == line);
      return unresolved || !graph.scanned().contains(module) ? null : 0;
    }
    Set<String> before = loadedBefore(module);
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    for (String t : targets) {
      if (!before.contains(t) && seen.add(t)) {
        todo.add(t);
      }
    }
    walk(todo, seen, before);
    return seen.size();
  }

  /** The importer, its parent packages and what they load, and what every interpreter preloads. */
  private Set<String> loadedBefore(String module) {
    Set<String> known = loadedBefore.get(module);
    if (known != null) {
      return known;
    }
    Set<String> out = new HashSet<>(FunctionOnlyImportRule.PRELOADED);
    out.add(module);
    ArrayDeque<String> todo = new ArrayDeque<>();
    for (int dot = module.lastIndexOf('.'); dot > 0; dot = module.lastIndexOf('.', dot - 1)) {
      String parent = module.substring(0, dot);
      if (out.add(parent)) {
        todo.add(parent);
      }
    }
    Set<String> noStop = Set.of();
    walk(todo, out, noStop);
    loadedBefore.put(module, out);
    return out;
  }

  /** Breadth first along counted edges, adding to {@code seen}, never entering {@code stop}. */
  private void walk(ArrayDeque<String> todo, Set<String> seen, Set<String> stop) {
    while (!todo.isEmpty()) {
      for (Edge e : graph.edgesFrom(todo.poll())) {
        if (FILTER.admits(e) && !stop.contains(e.to()) && seen.add(e.to())) {
          todo.add(e.to());
        }
      }
    }
  }
}
