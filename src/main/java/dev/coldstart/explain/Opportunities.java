package dev.coldstart.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ranks what-ifs: for each import statement (and for "every import of module M"), which modules
 * would no longer be reachable from the entry without those edges, and what their self times add
 * up to.
 *
 * <p>Reachability is recomputed without the edges, so a module that is also imported elsewhere
 * saves nothing: when {@code a} and then {@code b} import {@code heavy}, deferring {@code a}'s
 * import saves about zero, deferring both saves heavy's time.
 *
 * <p>Cost: one breadth-first search, O(N + E), per candidate, but only for candidates that can
 * save anything. A statement in module U can free modules only if one of its targets V has U as
 * immediate dominator (take the freed module nearest the entry: its predecessor on a shortest path
 * stays loaded, so that last edge is one of U's, and a shortest path passes U only once). Each
 * module has one immediate dominator, so at most ~N searches: O(N (N + E)), well under a second
 * for thousands of modules. Deferring every import of M frees exactly M's dominator subtree (its
 * retained time), unless the interpreter itself imports M.
 *
 * <p>Never proposed: the interpreter's start-up modules and its start-up imports (a bare
 * interpreter loads them too: {@link RuntimeImportGraph#isStartup}), and an import that is already
 * lazy (Python 3.15+): its reification is a finding of its own ({@link LazyImport}), whose fix is
 * moving the use, not the import.
 */
public final class Opportunities {
  /**
   * What static analysis knows about a statement: the fix kind, when it can tell (used only in
   * functions, only in annotations, a probe in try/except).
   */
  @FunctionalInterface
  public interface FixHints {
    Optional<FixKind> kindOf(String importer, ImportSite site);

    FixHints NONE = (importer, site) -> Optional.empty();
  }

  private final RuntimeImportGraph graph;
  private final Dominators dominators;
  private final FixHints hints;

  private Opportunities(RuntimeImportGraph graph, Dominators dominators, FixHints hints) {
    this.graph = graph;
    this.dominators = dominators;
    this.hints = hints;
  }

  /**
   * One what-if before any time is known: which modules it frees (node numbers) and its fix kind.
   * Both depend on the graph alone; the kind is worked out only when asked (it may scan the
   * importer's source), since only the opportunities shown need one.
   */
  private record Candidate(
      Opportunity.Scope scope,
      String importer,
      String module,
      ImportSite site,
      List<ImportEdge> deferred,
      int[] freed,
      Lazy<FixKind> kind) {}

  /** A value computed on first use, once. */
  private static final class Lazy<T> {
    private java.util.function.Supplier<T> make;
    private T value;

    Lazy(java.util.function.Supplier<T> make) {
      this.make = make;
    }

    synchronized T get() {
      if (make != null) {
        value = make.get();
        make = null;
      }
      return value;
    }
  }

  /** A candidate with its saving and the freed modules' names, most expensive first. */
  private record Priced(Candidate candidate, ModuleCost saving, ModuleCost share, List<String> freed) {}

  /**
   * Every what-if of a graph that frees something, worked out once without times (searches: most
   * of the cost), then priced with a profile's times by {@link #price}. This split lets the
   * profiler plan on the side while the timed runs go on.
   */
  public static final class Plan {
    private final RuntimeImportGraph graph;
    private final List<Candidate> candidates;

    private Plan(RuntimeImportGraph graph, List<Candidate> candidates) {
      this.graph = graph;
      this.candidates = candidates;
    }

    /** The opportunities with savings from {@code retained} (over the same graph), largest first. */
    public List<Opportunity> price(RetainedTime retained) {
      return price(retained, Integer.MAX_VALUE);
    }

    /**
     * The {@code limit} largest opportunities with savings from {@code retained} (over the same
     * graph), largest first. Fix kinds are worked out for those only.
     */
    public List<Opportunity> price(RetainedTime retained, int limit) {
      if (retained.graph() != graph) {
        throw new IllegalArgumentException("the times are for another graph");
      }
      List<Priced> priced = new ArrayList<>(candidates.size());
      for (Candidate c : candidates) {
        priced.add(Opportunities.price(c, retained));
      }
      priced.sort(
          Comparator.comparingDouble((Priced p) -> -p.saving().median())
              .thenComparing(p -> p.candidate().scope())
              .thenComparing(p -> p.candidate().module()));
      List<Opportunity> out = new ArrayList<>(Math.min(limit, priced.size()));
      for (Priced p : priced.subList(0, Math.min(limit, priced.size()))) {
        Candidate c = p.candidate();
        out.add(
            new Opportunity(
                c.scope(),
                c.importer(),
                c.module(),
                c.site(),
                c.deferred(),
                p.saving(),
                p.share(),
                p.freed(),
                c.kind().get()));
      }
      return List.copyOf(out);
    }
  }

  /** The plan of {@code graph}, whose dominators are {@code dominators}. */
  static Plan plan(RuntimeImportGraph graph, Dominators dominators, FixHints hints) {
    return new Plan(graph, new Opportunities(graph, dominators, hints).candidates());
  }

  /** Every opportunity that saves something, largest predicted saving first. */
  public static List<Opportunity> rank(RetainedTime retained, FixHints hints) {
    return plan(retained.graph(), retained.dominators(), hints).price(retained);
  }

  public static List<Opportunity> rank(RetainedTime retained) {
    return rank(retained, FixHints.NONE);
  }

  /** The saving of deferring exactly these imports, whatever they are: one search, O(N + E). */
  public static Opportunity whatIf(RetainedTime retained, List<ImportEdge> deferred) {
    Opportunities o = new Opportunities(retained.graph(), retained.dominators(), FixHints.NONE);
    ImportEdge first = deferred.get(0);
    Candidate c =
        o.candidate(
            Opportunity.Scope.STATEMENT, first.importer(), first.module(), first.site(), deferred);
    Priced p = price(c, retained);
    return new Opportunity(
        c.scope(), c.importer(), c.module(), c.site(), c.deferred(), p.saving(), p.share(), p.freed(),
        c.kind().get());
  }

  private List<Candidate> candidates() {
    Map<String, List<ImportEdge>> statements = statements();
    List<Candidate> out = new ArrayList<>();
    for (List<ImportEdge> statement : statements.values()) {
      String importer = statement.get(0).importer();
      int u = graph.indexOf(importer);
      boolean canFree =
          statement.stream().anyMatch(e -> dominators.idom(graph.indexOf(e.module())) == u);
      if (!canFree) {
        continue;
      }
      ImportEdge named =
          statement.stream()
              .filter(e -> e.how() != ImportEdge.How.PARENT)
              .findFirst()
              .orElse(statement.get(0));
      Candidate c =
          candidate(
              Opportunity.Scope.STATEMENT, importer, named.module(), named.site(), statement);
      if (c.freed().length > 0) {
        out.add(c);
      }
    }
    out.addAll(packageInits(statements.values()));
    Map<String, List<ImportEdge>> byModule = new LinkedHashMap<>();
    for (ImportEdge e : graph.edges()) {
      byModule.computeIfAbsent(e.module(), k -> new ArrayList<>()).add(e);
    }
    for (var entry : byModule.entrySet()) {
      List<ImportEdge> into = entry.getValue();
      boolean fromInterpreter = into.stream().anyMatch(this::given);
      long places = into.stream().map(Opportunities::statementKey).distinct().count();
      if (fromInterpreter || places < 2 || graph.isStartup(entry.getKey())) {
        continue; // given imports cannot be deferred; one place is a statement above
      }
      if (into.stream().anyMatch(graph::reifies)) {
        continue; // already lazy somewhere: its use, not its imports, loads it (a LazyImport)
      }
      Candidate c = candidate(Opportunity.Scope.EVERY_IMPORT, null, entry.getKey(), null, into);
      if (c.freed().length > 0) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Per package, every re-export of its own submodules in its {@code __init__} together: the unit
   * a lazy {@code __init__} (PEP 562) defers. Only packages with two such statements or more (one
   * is a statement above). At most one search per package.
   */
  private List<Candidate> packageInits(java.util.Collection<List<ImportEdge>> statements) {
    Map<String, List<List<ImportEdge>>> byPackage = new LinkedHashMap<>();
    for (List<ImportEdge> statement : statements) {
      ImportEdge first = statement.get(0);
      String pkg = first.importer();
      ImportSite site = first.site();
      boolean ownSubmodule =
          statement.stream().anyMatch(e -> e.module().startsWith(pkg + ".") && !e.names().isEmpty());
      if (site != null
          && ownSubmodule
          && kindOf(pkg, site, statement) == FixKind.REEXPORT_LAZY_INIT) {
        byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(statement);
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (var entry : byPackage.entrySet()) {
      if (entry.getValue().size() < 2) {
        continue;
      }
      List<ImportEdge> all = entry.getValue().stream().flatMap(List::stream).toList();
      ImportSite first =
          entry.getValue().stream()
              .map(st -> st.get(0).site())
              .min(Comparator.comparingInt(ImportSite::line))
              .orElseThrow();
      Candidate c =
          candidate(Opportunity.Scope.PACKAGE_INIT, entry.getKey(), entry.getKey(), first, all);
      if (c.freed().length > 0) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Imports the user cannot defer, or need not: the interpreter's (its start-up included),
   * runpy's (running {@code -m MODULE}), the code given on the command line ({@code -c CODE}, or
   * the {@code import MODULE} of a module target), which is what is being measured, and the
   * reifications of lazy imports (already deferred).
   */
  boolean given(ImportEdge e) {
    return graph.duringStartup(e)
        || graph.reifies(e)
        || e.importer().equals(RuntimeImportGraph.ROOT)
        || e.importer().equals("runpy")
        || e.importer().equals("__main__") && e.site() != null && e.site().file().equals("<string>");
  }

  /** The program's statements, each with all its edges (parents and fromlist included). */
  private Map<String, List<ImportEdge>> statements() {
    Map<String, List<ImportEdge>> out = new LinkedHashMap<>();
    for (ImportEdge e : graph.edges()) {
      if (!given(e)) {
        out.computeIfAbsent(statementKey(e), k -> new ArrayList<>()).add(e);
      }
    }
    return out;
  }

  private static String statementKey(ImportEdge e) {
    return e.site() == null
        ? e.importer() + " -> " + e.module()
        : e.importer() + " @ " + e.site().location();
  }

  private Candidate candidate(
      Opportunity.Scope scope,
      String importer,
      String module,
      ImportSite site,
      List<ImportEdge> deferred) {
    boolean[] after = graph.reachableWithout(new HashSet<>(deferred));
    int[] freed =
        java.util.stream.IntStream.range(0, graph.size())
            .filter(n -> !after[n] && dominators.reachable(n) && !graph.isStartup(graph.name(n)))
            .toArray();
    List<ImportEdge> edges = List.copyOf(deferred);
    Lazy<FixKind> kind =
        new Lazy<>(
            () ->
                switch (scope) {
                  case EVERY_IMPORT -> FixKind.UNKNOWN;
                  case PACKAGE_INIT -> FixKind.REEXPORT_LAZY_INIT;
                  case STATEMENT -> kindOf(importer, site, edges);
                });
    return new Candidate(scope, importer, module, site, edges, freed, kind);
  }

  /** A candidate with its saving: the freed modules' self times, summed per run when known. */
  private static Priced price(Candidate c, RetainedTime retained) {
    RuntimeImportGraph graph = retained.graph();
    ModuleCost saving = ModuleCost.ZERO;
    double[] perRun =
        retained.selfRunsAt(0) == null ? null : new double[retained.selfRunsAt(0).length];
    List<Integer> freed = new ArrayList<>(c.freed().length);
    for (int n : c.freed()) {
      freed.add(n);
      saving = saving.plus(retained.selfAt(n));
      if (perRun != null) {
        RetainedTime.add(perRun, retained.selfRunsAt(n));
      }
    }
    ModuleCost share = null;
    if (perRun != null) {
      saving = RetainedTime.ofRuns(perRun); // median of per-run sums (see SelfTimes)
      // The share: each run's saving over that run's import time, then the median of the ratios
      // (a slow run is slow everywhere, so the ratio cancels the load). O(runs) per candidate.
      // A run's freed self times are rows of that run, so they cannot exceed its total; the cap
      // only guards against rounding.
      double[] totals = retained.totalRuns();
      if (totals != null) {
        double[] ratios = new double[perRun.length];
        for (int k = 0; k < ratios.length; k++) {
          ratios[k] = totals[k] > 0 ? Math.min(1, perRun[k] / totals[k]) : 0;
        }
        share = RetainedTime.ofRuns(ratios);
      }
    }
    freed.sort(
        Comparator.comparingDouble((Integer n) -> -retained.selfAt(n).median())
            .thenComparing(graph::name));
    return new Priced(c, saving, share, freed.stream().map(graph::name).toList());
  }

  private FixKind kindOf(String importer, ImportSite site, List<ImportEdge> edges) {
    if (site != null) {
      Optional<FixKind> known = hints.kindOf(importer, site);
      if (known.isPresent()) {
        return known.get();
      }
    }
    if (edges.stream().anyMatch(ImportEdge::failed)) {
      return FixKind.DEFER_OPTIONAL_PROBE;
    }
    boolean packageInit =
        site != null
            && (site.file().endsWith("/__init__.py") || site.file().endsWith("\\__init__.py"));
    boolean fromImport = edges.stream().anyMatch(e -> !e.names().isEmpty());
    return packageInit && fromImport ? FixKind.REEXPORT_LAZY_INIT : FixKind.UNKNOWN;
  }
}
