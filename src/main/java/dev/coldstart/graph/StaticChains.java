package dev.coldstart.graph;

import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.PythonModule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static "why": the shortest import chains from one module to another, each hop with the file,
 * line and text of the statement that makes it (or the implicit parent-package load).
 *
 * <p>Algorithm: build the graph reachable from the source module (only files on the way are
 * scanned), breadth-first distances from the source, keep for each module the distinct
 * predecessors one hop closer (the first statement per module pair, in source order), then list
 * the shortest chains by walking predecessors back from the target, depth first, up to a limit.
 * The number of shortest chains can grow exponentially, hence the limit; the count of all of
 * them is computed exactly (as a saturating sum over the predecessor DAG) and reported.
 */
public final class StaticChains {
  private StaticChains() {}

  /**
   * One hop of a chain.
   *
   * @param from the importing module
   * @param to the imported module
   * @param file the importer's file (for a parent hop: the parent's file, which runs first)
   * @param line the statement's line (0 for a parent hop)
   * @param statement the statement text, or null for a parent hop
   * @param conditional the statement runs on some branches only
   */
  public record Hop(
      String from, String to, String file, int line, String statement, boolean conditional) {
    public boolean parentPackage() {
      return statement == null;
    }
  }

  /** A chain of hops from the source module to the target. */
  public record Chain(List<Hop> hops) {
    public Chain {
      hops = List.copyOf(hops);
    }
  }

  /**
   * The answer.
   *
   * @param from the source module
   * @param to the target module
   * @param fromFound the source module exists in the layout
   * @param toFound the target module exists in the layout
   * @param chains up to the requested number of shortest chains (empty: no static chain)
   * @param total how many shortest chains there are (saturates at Long.MAX_VALUE)
   * @param graph the graph searched (what the source reaches)
   * @param unresolved the counted imports of the modules the source reaches that did not resolve:
   *     with no chain found, any of them may hide one (the module it names is not there to read)
   */
  public record Result(
      String from,
      String to,
      boolean fromFound,
      boolean toFound,
      List<Chain> chains,
      long total,
      ImportGraph graph,
      List<Unresolved> unresolved) {
    public Result {
      unresolved = List.copyOf(unresolved);
    }
  }

  /** Builds what {@code from} reaches under the filter, then finds the chains. */
  public static Result find(
      ModuleLayout layout, String from, String to, EdgeFilter filter, int limit, int jobs) {
    ImportGraph g = GraphBuilder.reachable(layout, List.of(from), filter, jobs);
    return between(g, layout, from, to, filter, limit);
  }

  /** Chains in an already built graph. */
  public static Result between(
      ImportGraph g, ModuleLayout layout, String from, String to, EdgeFilter filter, int limit) {
    boolean fromFound = layout.find(from).isPresent();
    boolean toFound = layout.find(to).isPresent();
    Map<String, Integer> dist = new HashMap<>();
    Map<String, List<Edge>> preds = new HashMap<>();
    if (g.modules().containsKey(from)) {
      dist.put(from, 0);
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
      while (!queue.isEmpty()) {
        String m = queue.poll();
        int d = dist.get(m);
        Map<String, Edge> firstPerTarget = new LinkedHashMap<>();
        for (Edge e : g.edgesFrom(m)) {
          if (filter.admits(e)) {
            firstPerTarget.putIfAbsent(e.to(), e);
          }
        }
        for (Edge e : firstPerTarget.values()) {
          Integer seen = dist.get(e.to());
          if (seen == null) {
            dist.put(e.to(), d + 1);
            queue.add(e.to());
            preds.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
          } else if (seen == d + 1) {
            preds.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
          }
        }
      }
    }
    List<Chain> chains = new ArrayList<>();
    long total = 0;
    if (dist.containsKey(to) && !to.equals(from)) {
      total = count(to, from, preds, new HashMap<>());
      walk(g, to, from, preds, new ArrayList<>(), chains, Math.max(1, limit));
    }
    List<Unresolved> onTheWay = new ArrayList<>();
    for (Unresolved u : g.unresolved()) {
      if (dist.containsKey(u.importer()) && filter.exclusion(u.statement()) == null) {
        onTheWay.add(u);
      }
    }
    return new Result(from, to, fromFound, toFound, chains, total, g, onTheWay);
  }

  private static long count(
      String m, String from, Map<String, List<Edge>> preds, Map<String, Long> memo) {
    if (m.equals(from)) {
      return 1;
    }
    Long known = memo.get(m);
    if (known != null) {
      return known;
    }
    long sum = 0;
    for (Edge e : preds.getOrDefault(m, List.of())) {
      long c = count(e.from(), from, preds, memo);
      sum = sum > Long.MAX_VALUE - c ? Long.MAX_VALUE : sum + c;
    }
    memo.put(m, sum);
    return sum;
  }

  /** Depth first over predecessors; the suffix list holds hops from m to the target. */
  private static void walk(
      ImportGraph g, String m, String from, Map<String, List<Edge>> preds, List<Edge> suffix,
      List<Chain> out, int limit) {
    if (out.size() >= limit) {
      return;
    }
    if (m.equals(from)) {
      List<Hop> hops = new ArrayList<>();
      for (int i = suffix.size() - 1; i >= 0; i--) {
        hops.add(hop(g, suffix.get(i)));
      }
      out.add(new Chain(hops));
      return;
    }
    for (Edge e : preds.getOrDefault(m, List.of())) {
      suffix.add(e);
      walk(g, e.from(), from, preds, suffix, out, limit);
      suffix.remove(suffix.size() - 1);
      if (out.size() >= limit) {
        return;
      }
    }
  }

  static Hop hop(ImportGraph g, Edge e) {
    if (e.statement() == null) {
      return new Hop(e.from(), e.to(), g.fileOf(e.to()), 0, null, false);
    }
    PythonModule m = g.modules().get(e.from());
    String file = m == null || m.file() == null ? "?" : m.file().toString();
    return new Hop(e.from(), e.to(), file, e.statement().line(), e.statement().text(),
        e.conditional());
  }
}
