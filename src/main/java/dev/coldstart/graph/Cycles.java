package dev.coldstart.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Import cycles: strongly connected components of the import edges an {@link EdgeFilter} admits
 * (parent edges left out: a package always runs before its submodules, that is no cycle), found
 * with Tarjan's algorithm written iteratively so a deep graph cannot overflow the stack. Linear in
 * nodes plus edges. Each component of two or more modules is reported with one concrete cycle
 * through it (a shortest path from its first member back to itself) so the user sees the hops.
 */
public final class Cycles {
  private Cycles() {}

  /**
   * One import cycle.
   *
   * @param members the component's modules, sorted
   * @param path a cycle through the first member, first module repeated at the end
   */
  public record Cycle(List<String> members, List<Edge> path) {}

  public static List<Cycle> of(ImportGraph g, EdgeFilter filter) {
    List<String> nodes = new ArrayList<>(g.modules().keySet());
    Map<String, Integer> id = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      id.put(nodes.get(i), i);
    }
    int n = nodes.size();
    int[][] adj = new int[n][];
    for (int i = 0; i < n; i++) {
      List<Edge> es = g.edgesFrom(nodes.get(i));
      int[] a = new int[es.size()];
      int k = 0;
      for (Edge e : es) {
        Integer t = id.get(e.to());
        if (t != null && e.kind() == Edge.Kind.IMPORT && filter.admits(e)) {
          a[k++] = t;
        }
      }
      adj[i] = java.util.Arrays.copyOf(a, k);
    }
    List<List<Integer>> components = tarjan(adj);
    List<Cycle> out = new ArrayList<>();
    for (List<Integer> c : components) {
      if (c.size() < 2) {
        continue;
      }
      List<String> members = c.stream().map(nodes::get).sorted().toList();
      out.add(new Cycle(members, path(g, members, filter)));
    }
    out.sort(Comparator.<Cycle>comparingInt(c -> -c.members().size())
        .thenComparing(c -> c.members().get(0)));
    return out;
  }

  /** Tarjan's SCC with an explicit stack of (node, next edge index) frames. */
  static List<List<Integer>> tarjan(int[][] adj) {
    int n = adj.length;
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    java.util.Arrays.fill(index, -1);
    int[] stack = new int[n];
    int sp = 0;
    int counter = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    List<List<Integer>> out = new ArrayList<>();
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callEdge[0] = 0;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callNode[depth];
        if (callEdge[depth] < adj[v].length) {
          int w = adj[v][callEdge[depth]++];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            depth++;
            callNode[depth] = w;
            callEdge[depth] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          List<Integer> comp = new ArrayList<>();
          int w;
          do {
            w = stack[--sp];
            onStack[w] = false;
            comp.add(w);
          } while (w != v);
          out.add(comp);
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return out;
  }

  /** Shortest cycle through the first member, staying inside the component (BFS). */
  private static List<Edge> path(ImportGraph g, List<String> members, EdgeFilter filter) {
    String first = members.get(0);
    java.util.Set<String> inside = new java.util.HashSet<>(members);
    Map<String, Edge> via = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(first));
    while (!queue.isEmpty()) {
      String m = queue.poll();
      for (Edge e : g.edgesFrom(m)) {
        if (e.kind() != Edge.Kind.IMPORT || !filter.admits(e) || !inside.contains(e.to())) {
          continue;
        }
        if (e.to().equals(first)) {
          List<Edge> path = new ArrayList<>();
          path.add(e);
          for (String at = m; !at.equals(first); at = via.get(at).from()) {
            path.add(0, via.get(at));
          }
          return path;
        }
        if (!via.containsKey(e.to())) {
          via.put(e.to(), e);
          queue.add(e.to());
        }
      }
    }
    return List.of();
  }
}
