package dev.coldstart.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code import MODULE} loads, predicted statically: every module reachable from it along
 * parent edges and the import edges an {@link EdgeFilter} admits.
 *
 * <p>Two breadth-first searches: one over unconditional edges only, one over all admitted edges.
 * A module found only by the second is marked conditional: some if/loop/except branch decides
 * whether it loads. Each module keeps the edge that first reached it (a shortest-hop tree), so
 * the output can say why it is there.
 *
 * @param start the module imported
 * @param reachedBy every module in the closure, in breadth-first order, with the edge that first
 *     reached it (null for the start module)
 * @param conditional modules reached only through conditional edges
 * @param unresolved admitted imports of closure modules that did not resolve
 * @param excluded statements of closure modules left out by the filter, counted per reason
 *     ("function", "type-checking", "guarded", "lazy")
 */
public record Closure(
    String start,
    Map<String, Edge> reachedBy,
    Set<String> conditional,
    List<Unresolved> unresolved,
    Map<String, Integer> excluded) {

  /** The closure of {@code start} in a graph (built by {@link GraphBuilder#reachable}). */
  public static Closure of(ImportGraph g, String start, EdgeFilter filter) {
    Set<String> certain = search(g, start, filter, false).keySet();
    Map<String, Edge> all = search(g, start, filter, true);
    Set<String> conditional = new LinkedHashSet<>();
    for (String m : all.keySet()) {
      if (!certain.contains(m)) {
        conditional.add(m);
      }
    }
    List<Unresolved> unresolved = new ArrayList<>();
    for (Unresolved u : g.unresolved()) {
      if (all.containsKey(u.importer()) && filter.exclusion(u) == null) {
        unresolved.add(u);
      }
    }
    Map<String, Integer> excluded = Flags.excluded(g, all.keySet(), filter);
    return new Closure(start, all, conditional, unresolved, excluded);
  }

  private static Map<String, Edge> search(
      ImportGraph g, String start, EdgeFilter filter, boolean withConditional) {
    Map<String, Edge> reached = new LinkedHashMap<>();
    if (!g.modules().containsKey(start)) {
      return reached;
    }
    reached.put(start, null);
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String m = queue.poll();
      for (Edge e : g.edgesFrom(m)) {
        if (filter.admits(e) && (withConditional || !e.conditional())
            && !reached.containsKey(e.to())) {
          reached.put(e.to(), e);
          queue.add(e.to());
        }
      }
    }
    return reached;
  }

  /** The module names, breadth-first. */
  public List<String> modules() {
    return new ArrayList<>(reachedBy.keySet());
  }

  public boolean contains(String module) {
    return reachedBy.containsKey(module);
  }
}
