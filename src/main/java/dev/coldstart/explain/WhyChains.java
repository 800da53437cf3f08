package dev.coldstart.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Why is a module loaded: the distinct chains of imports from the interpreter to it, shortest
 * first. Chains are simple paths (no module twice) and distinct by their modules; each hop carries
 * the import's file, line and statement.
 *
 * <p>Enumeration is a best-first search over partial chains, ordered by length so far plus the
 * exact remaining distance to the module (one backward breadth-first search). That bound never
 * overestimates, so complete chains come out in nondecreasing length, and only modules that can
 * still reach the target are extended. The number of simple paths can grow exponentially, so the
 * search stops after {@code limit} chains or {@value #MAX_STEPS} expansions (then {@link
 * Result#truncated()} is set).
 */
public final class WhyChains {
  static final int MAX_STEPS = 200_000;

  /** The chains found, and whether more may exist than were returned. */
  public record Result(String module, List<ImportChain> chains, boolean truncated) {}

  private WhyChains() {}

  /** Up to {@code limit} chains to {@code module}; none when the run did not load it. */
  public static Result find(RuntimeImportGraph graph, String module, int limit) {
    if (!graph.contains(module) || limit <= 0) {
      return new Result(module, List.of(), false);
    }
    int n = graph.size();
    int target = graph.indexOf(module);
    Map<Long, ImportEdge> hop = representativeEdges(graph);
    int[] dist = distancesTo(graph, target);
    record Partial(int[] nodes, int priority, long order) {}
    PriorityQueue<Partial> queue =
        new PriorityQueue<>(
            java.util.Comparator.comparingInt(Partial::priority)
                .thenComparingLong(Partial::order));
    long order = 0;
    if (dist[0] < 0) {
      return new Result(module, List.of(), false);
    }
    queue.add(new Partial(new int[] {0}, dist[0], order++));
    List<ImportChain> chains = new ArrayList<>();
    int steps = 0;
    while (!queue.isEmpty() && chains.size() < limit) {
      if (++steps > MAX_STEPS) {
        return new Result(module, List.copyOf(chains), true);
      }
      Partial p = queue.poll();
      int last = p.nodes()[p.nodes().length - 1];
      if (last == target) {
        chains.add(chain(p.nodes(), hop, n));
        continue;
      }
      for (int next : graph.successors(last)) {
        if (dist[next] < 0 || contains(p.nodes(), next)) {
          continue;
        }
        int[] longer = Arrays.copyOf(p.nodes(), p.nodes().length + 1);
        longer[longer.length - 1] = next;
        queue.add(new Partial(longer, longer.length - 1 + dist[next], order++));
      }
    }
    return new Result(module, List.copyOf(chains), !queue.isEmpty());
  }

  private static ImportChain chain(int[] nodes, Map<Long, ImportEdge> hop, int n) {
    List<ImportEdge> hops = new ArrayList<>();
    boolean loading = true;
    for (int i = 1; i < nodes.length; i++) {
      ImportEdge e = hop.get((long) nodes[i - 1] * n + nodes[i]);
      hops.add(e);
      loading &= !e.alreadyLoaded();
    }
    return new ImportChain(List.copyOf(hops), loading);
  }

  /** Per pair of modules, the import that loaded the second, else the earliest one. */
  private static Map<Long, ImportEdge> representativeEdges(RuntimeImportGraph graph) {
    int n = graph.size();
    Map<Long, ImportEdge> out = new HashMap<>();
    for (ImportEdge e : graph.edges()) {
      long key = (long) graph.indexOf(e.importer()) * n + graph.indexOf(e.module());
      ImportEdge best = out.get(key);
      if (best == null || best.alreadyLoaded() && !e.alreadyLoaded()) {
        out.put(key, e);
      }
    }
    return out;
  }

  /** Number of hops from each module to the target; -1 when it cannot reach it. */
  private static int[] distancesTo(RuntimeImportGraph graph, int target) {
    int n = graph.size();
    List<List<Integer>> preds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      preds.add(new ArrayList<>());
    }
    for (int from = 0; from < n; from++) {
      for (int to : graph.successors(from)) {
        preds.get(to).add(from);
      }
    }
    int[] dist = new int[n];
    Arrays.fill(dist, -1);
    dist[target] = 0;
    ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(target));
    while (!todo.isEmpty()) {
      int node = todo.poll();
      for (int p : preds.get(node)) {
        if (dist[p] < 0) {
          dist[p] = dist[node] + 1;
          todo.add(p);
        }
      }
    }
    return dist;
  }

  private static boolean contains(int[] nodes, int node) {
    for (int x : nodes) {
      if (x == node) {
        return true;
      }
    }
    return false;
  }
}
