package dev.coldstart.graph;

import dev.coldstart.layout.ModuleKind;
import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.PythonModule;
import dev.coldstart.source.Diagnostic;
import dev.coldstart.source.SourceTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link ImportGraph}s by scanning sources on all cores with the scanner's
 * {@link SourceTree#scan} pool and resolving each statement with the layout on the worker threads
 * ({@link ModuleImports}). Two shapes:
 *
 * <ul>
 *   <li>{@link #of}: a given set of modules (a tree, or every module of an environment), all
 *       scanned in one parallel pass;
 *   <li>{@link #reachable}: breadth-first from start modules, one parallel pass per frontier,
 *       following only the edges the filter admits, so a closure reads just the files it reaches.
 * </ul>
 *
 * Every module node also gets its parent edge (a submodule's package runs first). Cost: one read
 * and scan per source file, a few hash lookups per imported name.
 */
public final class GraphBuilder {
  private final ModuleLayout layout;
  private final int jobs;
  private final Map<String, PythonModule> modules = new LinkedHashMap<>();
  private final Set<String> scanned = new LinkedHashSet<>();
  private final Map<String, List<Edge>> out = new LinkedHashMap<>();
  private final List<Unresolved> unresolved = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private GraphBuilder(ModuleLayout layout, int jobs) {
    this.layout = layout;
    this.jobs = Math.max(1, jobs);
  }

  /** The graph of these modules: each is scanned; modules they import become leaf nodes. */
  public static ImportGraph of(ModuleLayout layout, Collection<PythonModule> scope, int jobs) {
    GraphBuilder b = new GraphBuilder(layout, jobs);
    b.scanAll(new ArrayList<>(scope));
    return b.build();
  }

  /**
   * The part of the graph reachable from the start modules along edges the filter admits (and
   * parent edges). Unknown start names are simply absent from the result.
   */
  public static ImportGraph reachable(
      ModuleLayout layout, Collection<String> starts, EdgeFilter filter, int jobs) {
    GraphBuilder b = new GraphBuilder(layout, jobs);
    List<PythonModule> frontier = new ArrayList<>();
    for (String s : starts) {
      layout.find(s).ifPresent(frontier::add);
    }
    while (!frontier.isEmpty()) {
      b.scanAll(frontier);
      List<PythonModule> next = new ArrayList<>();
      Set<String> queued = new LinkedHashSet<>();
      for (PythonModule m : frontier) {
        for (Edge e : b.out.getOrDefault(m.name(), List.of())) {
          if (filter.admits(e) && !b.scanned.contains(e.to()) && queued.add(e.to())) {
            next.add(b.modules.get(e.to()));
          }
        }
      }
      frontier = next;
    }
    return b.build();
  }

  private ImportGraph build() {
    return new ImportGraph(
        layout.roots(), modules, scanned, out, unresolved, problems, layout.pthFiles());
  }

  private record Scanned(
      PythonModule module, ModuleImports.Result imports, List<Diagnostic> diagnostics) {}

  private void scanAll(List<PythonModule> batch) {
    List<SourceTree.SourceFile> files = new ArrayList<>();
    Map<String, PythonModule> byName = new LinkedHashMap<>();
    for (PythonModule m : batch) {
      if (!scanned.add(m.name())) {
        continue;
      }
      modules.putIfAbsent(m.name(), m);
      List<Edge> edges = out.computeIfAbsent(m.name(), k -> new ArrayList<>());
      if (m.parent() != null) {
        edges.add(Edge.parent(m.name(), m.parent()));
        layout.find(m.parent()).ifPresent(p -> modules.putIfAbsent(p.name(), p));
      }
      if (m.kind() == ModuleKind.SOURCE) {
        // The walked-path slot carries the module name: the file is in location.
        files.add(new SourceTree.SourceFile(m.name(), m.file()));
        byName.put(m.name(), m);
      }
    }
    SourceTree.scan(
        files,
        jobs,
        f -> {
          PythonModule m = byName.get(f.path());
          return new Scanned(m, ModuleImports.of(layout, m, f.facts()), f.facts().diagnostics());
        },
        this::add);
  }

  private void add(Scanned s) {
    String name = s.module().name();
    List<Edge> edges = out.get(name);
    for (Edge e : s.imports().edges()) {
      edges.add(e);
      if (!modules.containsKey(e.to())) {
        layout.find(e.to()).ifPresent(t -> modules.put(t.name(), t));
      }
    }
    unresolved.addAll(s.imports().unresolved());
    for (Diagnostic d : s.diagnostics()) {
      problems.add(s.module().file() + ":" + d.line() + ": " + d.message());
    }
  }
}
