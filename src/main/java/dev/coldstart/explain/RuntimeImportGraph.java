package dev.coldstart.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime import graph of one run: a node per module that was loaded, an edge per import of one
 * module by another, also of modules that were already loaded (these are what {@code -X
 * importtime} cannot show, and what decides whether deferring an import saves anything).
 *
 * <p>The entry is {@link #ROOT}, the interpreter: it imports the start-up modules, {@code site}
 * (whose {@code .pth} lines import more) and the program, {@code __main__}. Every node is reachable
 * from it: a module loaded without a recorded import gets an {@link ImportEdge.How#UNSEEN} edge.
 *
 * <p>Built from an {@link ImportLog}: each call contributes an edge to every module it concerned
 * that got loaded (parents of {@code a.b.c}, the target, fromlist submodules); loads no call
 * accounts for become {@link ImportEdge.How#LOAD} edges. Calls whose module never loaded are kept
 * as {@link #failedImports()}. Self-imports are dropped. Cost: linear in the log's size.
 *
 * <p>The graph also knows which modules are the interpreter's own start-up (loaded before the
 * program ran: nothing the program does can defer them) and, on Python 3.15+, the program's lazy
 * imports: a reification is an edge like any other import (it loads the module at the use), and
 * {@link #reifies(ImportEdge)} tells it apart.
 */
public final class RuntimeImportGraph {
  /** The entry node: the interpreter starting the program. */
  public static final String ROOT = ImportLog.ROOT;

  private final List<String> names;
  private final Map<String, Integer> index;
  private final List<ImportEdge> edges;
  private final List<ImportEdge> failed;
  private final Map<String, ImportLog.LoadedModule> loaded;
  private final int[][] successors;
  private final Set<String> startup;
  private final long startupSeq;
  private final Set<Long> reifications;
  private final List<LazyImport> lazyImports;

  private RuntimeImportGraph(
      List<String> names,
      List<ImportEdge> edges,
      List<ImportEdge> failed,
      Map<String, ImportLog.LoadedModule> loaded) {
    this(names, edges, failed, loaded, Set.of(), -1, Set.of(), List.of());
  }

  private RuntimeImportGraph(
      List<String> names,
      List<ImportEdge> edges,
      List<ImportEdge> failed,
      Map<String, ImportLog.LoadedModule> loaded,
      Set<String> startup,
      long startupSeq,
      Set<Long> reifications,
      List<LazyImport> lazyImports) {
    this.startup = Set.copyOf(startup);
    this.startupSeq = startupSeq;
    this.reifications = Set.copyOf(reifications);
    this.lazyImports = List.copyOf(lazyImports);
    this.names = List.copyOf(names);
    this.index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    this.edges = List.copyOf(edges);
    this.failed = List.copyOf(failed);
    this.loaded = loaded;
    List<Set<Integer>> out = new ArrayList<>();
    names.forEach(n -> out.add(new LinkedHashSet<>()));
    for (ImportEdge e : edges) {
      out.get(index.get(e.importer())).add(index.get(e.module()));
    }
    successors = new int[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      successors[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Builds the graph of a recorded run; statement text comes from the log, else the file. */
  public static RuntimeImportGraph from(ImportLog log) {
    return new Builder(log).build();
  }

  /** A graph from edges alone (synthetic data, or edges from another source). */
  public static RuntimeImportGraph of(List<ImportEdge> edges) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    seen.put(ROOT, 0);
    for (ImportEdge e : edges) {
      seen.putIfAbsent(e.importer(), seen.size());
      seen.putIfAbsent(e.module(), seen.size());
    }
    List<ImportEdge> all = new ArrayList<>(edges);
    connect(new ArrayList<>(seen.keySet()), all);
    return new RuntimeImportGraph(new ArrayList<>(seen.keySet()), all, List.of(), Map.of());
  }

  /** Every module, {@link #ROOT} first, then in the order they were first seen. */
  public List<String> modules() {
    return names;
  }

  public boolean contains(String module) {
    return index.containsKey(module);
  }

  /** Every import, in the order they began. */
  public List<ImportEdge> edges() {
    return edges;
  }

  /** Imports whose module never loaded (ModuleNotFoundError, ImportError...). */
  public List<ImportEdge> failedImports() {
    return failed;
  }

  /** The imports of {@code module}, in the order they began. */
  public List<ImportEdge> importsOf(String module) {
    return edges.stream().filter(e -> e.module().equals(module)).toList();
  }

  /**
   * The modules the interpreter loads before the program runs (preloaded, {@code site} and what it
   * imports): a bare interpreter pays for them too, so deferring them is not the program's to do.
   */
  public boolean isStartup(String module) {
    return startup.contains(module);
  }

  /** Whether the interpreter's start-up (not the program) made this import. */
  public boolean duringStartup(ImportEdge e) {
    return e.importer().equals(ROOT) || startupSeq >= 0 && e.seq() > 0 && e.seq() < startupSeq;
  }

  /** Whether this import is the reification of a lazy import (its first use; Python 3.15+). */
  public boolean reifies(ImportEdge e) {
    return e.how() != ImportEdge.How.LOAD && reifications.contains(e.seq());
  }

  /** The program's lazy imports (Python 3.15+), in the order they were declared or first used. */
  public List<LazyImport> lazyImports() {
    return lazyImports;
  }

  /** The module's file and kind at the end of the run, when the run got that far. */
  public java.util.Optional<ImportLog.LoadedModule> details(String module) {
    return java.util.Optional.ofNullable(loaded.get(module));
  }

  int size() {
    return names.size();
  }

  int indexOf(String module) {
    Integer i = index.get(module);
    if (i == null) {
      throw new IllegalArgumentException("not in the graph: " + module);
    }
    return i;
  }

  String name(int node) {
    return names.get(node);
  }

  int[] successors(int node) {
    return successors[node];
  }

  /** Nodes reachable from ROOT without the edges in {@code removed}; O(N + E). */
  boolean[] reachableWithout(Set<ImportEdge> removed) {
    EdgeIndex ix = edgeIndex();
    boolean[] gone = new boolean[edges.size()];
    for (ImportEdge e : removed) {
      for (int id : ix.ids.getOrDefault(e, List.of())) {
        gone[id] = true;
      }
    }
    boolean[] seen = new boolean[names.size()];
    int[] queue = new int[names.size()];
    int head = 0;
    int tail = 0;
    seen[0] = true;
    queue[tail++] = 0;
    while (head < tail) {
      int node = queue[head++];
      for (int id : ix.out[node]) {
        int next = ix.to[id];
        if (!gone[id] && !seen[next]) {
          seen[next] = true;
          queue[tail++] = next;
        }
      }
    }
    return seen;
  }

  /**
   * The edges as numbers, made once: each node's outgoing edge ids, each edge's target, and the ids
   * of the edges equal to a given one. The planner asks for one search per candidate (hundreds),
   * each of which would otherwise rebuild the adjacency.
   */
  private record EdgeIndex(int[][] out, int[] to, Map<ImportEdge, List<Integer>> ids) {}

  private EdgeIndex edgeIndex;

  private synchronized EdgeIndex edgeIndex() {
    if (edgeIndex == null) {
      int[] to = new int[edges.size()];
      List<List<Integer>> out = new ArrayList<>();
      names.forEach(n -> out.add(new ArrayList<>()));
      Map<ImportEdge, List<Integer>> ids = new HashMap<>();
      for (int i = 0; i < edges.size(); i++) {
        ImportEdge e = edges.get(i);
        to[i] = index.get(e.module());
        out.get(index.get(e.importer())).add(i);
        ids.computeIfAbsent(e, k -> new ArrayList<>()).add(i);
      }
      int[][] outIds = new int[names.size()][];
      for (int i = 0; i < outIds.length; i++) {
        outIds[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      edgeIndex = new EdgeIndex(outIds, to, ids);
    }
    return edgeIndex;
  }

  /** Adds a ROOT edge to the first-seen node of each part the root cannot reach. */
  private static void connect(List<String> names, List<ImportEdge> edges) {
    while (true) {
      Map<String, List<String>> out = new HashMap<>();
      for (ImportEdge e : edges) {
        out.computeIfAbsent(e.importer(), k -> new ArrayList<>()).add(e.module());
      }
      Set<String> seen = new LinkedHashSet<>();
      ArrayDeque<String> todo = new ArrayDeque<>(List.of(ROOT));
      seen.add(ROOT);
      while (!todo.isEmpty()) {
        for (String next : out.getOrDefault(todo.poll(), List.of())) {
          if (seen.add(next)) {
            todo.add(next);
          }
        }
      }
      String orphan = names.stream().filter(n -> !seen.contains(n)).findFirst().orElse(null);
      if (orphan == null) {
        return;
      }
      edges.add(
          new ImportEdge(ROOT, orphan, null, ImportEdge.How.UNSEEN, false, List.of(), false, 0));
    }
  }

  /** Turns the recorder's calls and loads into nodes and edges. */
  private static final class Builder {
    private final ImportLog log;
    private final Map<String, Integer> nodes = new LinkedHashMap<>();
    private final List<ImportEdge> edges = new ArrayList<>();
    private final List<ImportEdge> failed = new ArrayList<>();
    private final Set<String> loadedNames = new LinkedHashSet<>();
    private final Map<Path, List<String>> sourceCache = new HashMap<>();
    private final Map<Long, List<ImportEdge>> reified = new LinkedHashMap<>();

    Builder(ImportLog log) {
      this.log = log;
    }

    RuntimeImportGraph build() {
      nodes.put(ROOT, 0);
      loadedNames.addAll(log.preloaded());
      log.loads().stream().filter(ImportLog.Load::ok).forEach(l -> loadedNames.add(l.name()));
      log.modules().forEach(m -> loadedNames.add(m.name()));
      for (String m : log.preloaded()) {
        if (!m.equals("__main__")) { // the recorder's own __main__, replaced by the program's
          add(new ImportEdge(ROOT, m, null, ImportEdge.How.STARTUP, true, List.of(), false, 0));
        }
      }
      add(new ImportEdge(ROOT, "__main__", null, ImportEdge.How.MAIN, false, List.of(), false, 0));
      Map<Long, ImportLog.Call> bySeq = new HashMap<>();
      for (ImportLog.Call c : log.calls()) {
        bySeq.put(c.seq(), c);
      }
      List<Object> events = new ArrayList<>();
      events.addAll(log.calls());
      events.addAll(log.loads());
      events.sort(
          java.util.Comparator.comparingLong(
              e -> e instanceof ImportLog.Call c ? c.seq() : ((ImportLog.Load) e).seq()));
      for (Object event : events) {
        if (event instanceof ImportLog.Call c) {
          addCall(c);
        } else if (event instanceof ImportLog.Load l) {
          ImportLog.Call c = bySeq.get(l.call());
          boolean covered =
              c != null && c.modules().stream().anyMatch(m -> m.name().equals(l.name()));
          if (!covered && l.ok()) {
            add(
                new ImportEdge(
                    l.importer(),
                    l.name(),
                    site(l.file(), l.line(), l.statement()),
                    ImportEdge.How.LOAD,
                    false,
                    List.of(),
                    false,
                    l.seq()));
          }
        }
      }
      Map<String, ImportLog.LoadedModule> details = new HashMap<>();
      log.modules().forEach(m -> details.put(m.name(), m));
      for (String m : log.modules().stream().map(ImportLog.LoadedModule::name).toList()) {
        nodes.putIfAbsent(m, nodes.size());
      }
      List<String> names = new ArrayList<>(nodes.keySet());
      connect(names, edges);
      return new RuntimeImportGraph(
          names,
          edges,
          failed,
          Collections.unmodifiableMap(details),
          startup(),
          log.startup(),
          reified.keySet(),
          lazyImports());
    }

    /** Preloaded modules, and those that started loading before the program (site's). */
    private Set<String> startup() {
      Set<String> out = new LinkedHashSet<>(log.preloaded());
      out.remove("__main__"); // the recorder's own, replaced by the program's
      if (log.startup() >= 0) {
        log.loads().stream()
            .filter(l -> l.ok() && l.seq() < log.startup())
            .forEach(l -> out.add(l.name()));
      }
      return out;
    }

    /**
     * The program's lazy imports: each declaration made after start-up, with its first
     * reification; then reifications after start-up of imports declared before it. O(log).
     */
    private List<LazyImport> lazyImports() {
      Map<Long, ImportLog.Call> firstUse = new LinkedHashMap<>();
      for (ImportLog.Call c : log.calls()) {
        if (c.reifies()) {
          firstUse.putIfAbsent(c.declared() >= 0 ? c.declared() : -c.seq() - 1, c);
        }
      }
      Set<String> atEnd = new java.util.HashSet<>();
      log.modules().forEach(m -> atEnd.add(m.name()));
      List<LazyImport> out = new ArrayList<>();
      Set<Long> told = new java.util.HashSet<>();
      for (ImportLog.Lazy l : log.lazy()) {
        ImportLog.Call use = firstUse.get(l.seq());
        boolean program = log.startup() < 0 || l.seq() > log.startup();
        if (!l.lazy() || !program && (use == null || use.seq() < log.startup())) {
          continue;
        }
        told.add(l.seq());
        ImportSite declared = site(l.file(), l.line(), null);
        out.add(
            new LazyImport(
                l.name(),
                l.importer(),
                declared,
                declaration(l, declared),
                l.filter(),
                l.fromlist(),
                use == null ? null : use(use),
                atEnd.contains(l.name())));
      }
      for (var e : firstUse.entrySet()) {
        ImportLog.Call use = e.getValue();
        if (!told.contains(e.getKey()) && use.seq() > log.startup()) {
          String module =
              use.modules().stream()
                  .filter(m -> m.how().equals("target"))
                  .map(ImportLog.Concerned::name)
                  .findFirst()
                  .orElse(use.name());
          out.add(
              new LazyImport(
                  module, null, null, null, false, use.fromlist(), use(use), atEnd.contains(module)));
        }
      }
      return out;
    }

    private static LazyImport.Declaration declaration(ImportLog.Lazy l, ImportSite site) {
      String text = site == null ? null : site.statement();
      if (text != null && text.matches("lazy\\s+(import|from)\\b.*")) {
        return LazyImport.Declaration.LAZY_STATEMENT;
      }
      if (l.listed()) {
        return LazyImport.Declaration.LAZY_MODULES;
      }
      if ("all".equals(l.mode())) {
        return LazyImport.Declaration.GLOBAL_MODE;
      }
      return LazyImport.Declaration.LAZY_STATEMENT; // no source text (frozen): the statement
    }

    private LazyImport.Use use(ImportLog.Call c) {
      String function = c.function() == null || c.function().equals("<module>") ? null : c.function();
      return new LazyImport.Use(
          c.importer(),
          site(c.file(), c.line(), c.statement()),
          function,
          List.copyOf(reified.getOrDefault(c.seq(), List.of())));
    }

    private void addCall(ImportLog.Call c) {
      ImportSite site = site(c.file(), c.line(), c.statement());
      for (ImportLog.Concerned m : c.modules()) {
        ImportEdge.How how =
            switch (m.how()) {
              case "parent" -> ImportEdge.How.PARENT;
              case "fromlist" -> ImportEdge.How.FROMLIST;
              default ->
                  "import_module".equals(c.kind())
                      ? ImportEdge.How.IMPORT_MODULE
                      : ImportEdge.How.TARGET;
            };
        List<String> names = how == ImportEdge.How.PARENT ? List.of() : c.fromlist();
        ImportEdge edge =
            new ImportEdge(c.importer(), m.name(), site, how, m.before(), names, !c.ok(), c.seq());
        if (m.before() || m.after() || loadedNames.contains(m.name())) {
          add(edge);
          if (c.reifies()) {
            reified.computeIfAbsent(c.seq(), k -> new ArrayList<>()).add(edge);
          }
        } else {
          failed.add(edge);
        }
      }
    }

    private void add(ImportEdge e) {
      if (e.importer() == null || e.importer().equals(e.module())) {
        return;
      }
      nodes.putIfAbsent(e.importer(), nodes.size());
      nodes.putIfAbsent(e.module(), nodes.size());
      edges.add(e);
    }

    private ImportSite site(String file, int line, String statement) {
      if (file == null) {
        return null;
      }
      String text = statement != null ? statement : log.lines().get(file + ":" + line);
      if (text == null) {
        text = lineFromDisk(file, line);
      }
      return new ImportSite(file, line, text);
    }

    /** The recorder reports source lines at the end; a run that died did not, so read them. */
    private String lineFromDisk(String file, int line) {
      if (file.startsWith("<") || line < 1) {
        return null;
      }
      List<String> lines =
          sourceCache.computeIfAbsent(
              Path.of(file),
              p -> {
                try {
                  return Files.isRegularFile(p)
                      ? Files.readAllLines(p, StandardCharsets.UTF_8)
                      : List.of();
                } catch (IOException | RuntimeException e) {
                  return List.of(); // not UTF-8 or unreadable: no text, the location remains
                }
              });
      return line <= lines.size() ? lines.get(line - 1).strip() : null;
    }
  }
}
