package dev.coldstart.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to "why is MODULE loaded by TARGET": the chains of imports from one recorded run,
 * with hops the runtime pass saw without a statement filled from the source (marked static), and
 * the imports of MODULE that failed when it was not loaded at all.
 *
 * @param module the module asked about
 * @param loaded whether the run loaded it
 * @param chains shortest first
 * @param truncated more chains exist than were asked for (or than the search could enumerate)
 * @param failedImports imports of the module that raised, when it was not loaded
 * @param lazy the program's lazy imports (Python 3.15+): a hop that is a reification is shown with
 *     where the import was declared lazy ({@link #lazyOf})
 */
public record Why(
    String module,
    boolean loaded,
    List<ImportChain> chains,
    boolean truncated,
    List<ImportEdge> failedImports,
    List<LazyImport> lazy) {

  /** The lazy import whose reification this hop is, if it is one. */
  public java.util.Optional<LazyImport> lazyOf(ImportEdge hop) {
    return lazy.stream()
        .filter(
            l ->
                l.reified() != null
                    && l.reified().edges().stream()
                        .anyMatch(e -> e.seq() == hop.seq() && e.module().equals(hop.module())))
        .findFirst();
  }

  /** Up to {@code limit} chains to {@code module} in the recorded run. */
  public static Why of(ImportLog log, String module, int limit, StaticImports statics) {
    RuntimeImportGraph graph = RuntimeImportGraph.from(log);
    if (!graph.contains(module)) {
      List<ImportEdge> failed =
          graph.failedImports().stream()
              .filter(e -> e.module().equals(module))
              .map(e -> withSite(e, statics.fill(e, graph)))
              .toList();
      return new Why(module, false, List.of(), false, failed, graph.lazyImports());
    }
    WhyChains.Result found = WhyChains.find(graph, module, limit);
    List<ImportChain> chains = new ArrayList<>();
    for (ImportChain c : found.chains()) {
      List<ImportEdge> hops =
          c.hops().stream().map(h -> withSite(h, statics.fill(h, graph))).toList();
      chains.add(new ImportChain(hops, c.loading()));
    }
    boolean shown = chains.stream().anyMatch(ImportChain::loading);
    List<ImportEdge> loading = loadingChain(graph, module);
    if (!shown && !loading.isEmpty()) {
      // The chain -X importtime shows (the one that loaded it) is always worth seeing.
      List<ImportEdge> hops = loading.stream().map(h -> withSite(h, statics.fill(h, graph))).toList();
      chains.add(new ImportChain(hops, true));
    }
    return new Why(module, true, List.copyOf(chains), found.truncated(), List.of(), graph.lazyImports());
  }

  /** From the module back to the interpreter along the imports that loaded each; empty if none. */
  private static List<ImportEdge> loadingChain(RuntimeImportGraph graph, String module) {
    java.util.Map<String, ImportEdge> loadedBy = new java.util.HashMap<>();
    for (ImportEdge e : graph.edges()) {
      if (!e.alreadyLoaded()) {
        loadedBy.putIfAbsent(e.module(), e);
      }
    }
    java.util.LinkedList<ImportEdge> hops = new java.util.LinkedList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    String at = module;
    while (!at.equals(RuntimeImportGraph.ROOT)) {
      ImportEdge e = loadedBy.get(at);
      if (e == null || !seen.add(at)) {
        return List.of();
      }
      hops.addFirst(e);
      at = e.importer();
    }
    return List.copyOf(hops);
  }

  private static ImportEdge withSite(ImportEdge e, ImportSite site) {
    if (site == e.site()) {
      return e;
    }
    return new ImportEdge(
        e.importer(), e.module(), site, e.how(), e.alreadyLoaded(), e.names(), e.failed(), e.seq());
  }
}
