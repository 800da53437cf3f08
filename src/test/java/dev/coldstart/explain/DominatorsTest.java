package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks dominators and the ranking's pruning against brute force on random graphs. */
class DominatorsTest {
  @Test
  void immediateDominatorsMatchBruteForceOnRandomGraphs() {
    Random random = new Random(4);
    for (int round = 0; round < 200; round++) {
      RuntimeImportGraph graph = randomGraph(random, 2 + random.nextInt(12));
      Dominators dom = Dominators.of(graph);
      for (int v = 1; v < graph.size(); v++) {
        Set<Integer> strict = new HashSet<>();
        for (int d = 0; d < graph.size(); d++) {
          if (d != v && !reachableAvoiding(graph, d, v)) {
            strict.add(d);
          }
        }
        // idom = the strict dominator that every other strict dominator dominates.
        int idom = dom.idom(v);
        assertThat(strict).contains(idom);
        for (int d : strict) {
          if (d != idom) {
            assertThat(reachableAvoiding(graph, d, idom)).as("%s dominates idom", d).isFalse();
          }
        }
      }
    }
  }

  @Test
  void rankingFindsEveryStatementThatSavesSomething() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      RuntimeImportGraph graph = randomGraph(random, 2 + random.nextInt(12));
      Map<String, ModuleCost> costs = new HashMap<>();
      for (String m : graph.modules()) {
        costs.put(m, ModuleCost.exactly(1 + random.nextInt(100)));
      }
      RetainedTime retained = RetainedTime.of(graph, SelfTimes.of(costs));
      List<Opportunity> ranked = Opportunities.rank(retained);
      for (ImportEdge e : graph.edges()) {
        if (e.importer().equals(RuntimeImportGraph.ROOT)) {
          continue;
        }
        Opportunity brute = Opportunities.whatIf(retained, List.of(e));
        Opportunity found =
            ranked.stream()
                .filter(o -> o.scope() == Opportunity.Scope.STATEMENT && o.edges().contains(e))
                .findFirst()
                .orElse(null);
        if (brute.freed().isEmpty()) {
          assertThat(found).isNull();
        } else {
          assertThat(found).isNotNull();
          assertThat(found.saving()).isEqualTo(brute.saving());
        }
      }
    }
  }

  /** Each random edge gets its own line, so each edge is one statement. */
  private static RuntimeImportGraph randomGraph(Random random, int n) {
    List<ImportEdge> edges = new ArrayList<>();
    int line = 0;
    for (int to = 1; to < n; to++) {
      int from = random.nextInt(to); // a spanning tree keeps everything reachable
      edges.add(edge(from, to, ++line));
    }
    int extra = random.nextInt(2 * n);
    for (int i = 0; i < extra; i++) {
      int from = random.nextInt(n);
      int to = 1 + random.nextInt(n - 1);
      if (from != to) {
        edges.add(edge(from, to, ++line));
      }
    }
    return RuntimeImportGraph.of(edges);
  }

  private static ImportEdge edge(int from, int to, int line) {
    String importer = from == 0 ? RuntimeImportGraph.ROOT : "m" + from;
    return new ImportEdge(
        importer,
        "m" + to,
        new ImportSite(importer + ".py", line, null),
        ImportEdge.How.TARGET,
        false,
        List.of(),
        false,
        line);
  }

  private static boolean reachableAvoiding(RuntimeImportGraph graph, int avoid, int target) {
    if (avoid == 0) {
      return false;
    }
    boolean[] seen = new boolean[graph.size()];
    List<Integer> todo = new ArrayList<>(List.of(0));
    seen[0] = true;
    while (!todo.isEmpty()) {
      int node = todo.remove(todo.size() - 1);
      if (node == target) {
        return true;
      }
      for (int next : graph.successors(node)) {
        if (next != avoid && !seen[next]) {
          seen[next] = true;
          todo.add(next);
        }
      }
    }
    return false;
  }
}
