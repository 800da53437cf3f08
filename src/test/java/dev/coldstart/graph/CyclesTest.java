package dev.coldstart.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CyclesTest {
  @Test
  void aLongChainClosedIntoOneRingIsOneComponentWithoutDeepRecursion() {
    int n = 200_000;
    int[][] adj = new int[n][];
    for (int i = 0; i < n; i++) {
      adj[i] = new int[] {(i + 1) % n};
    }
    List<List<Integer>> sccs = Cycles.tarjan(adj);
    assertThat(sccs).hasSize(1);
    assertThat(sccs.get(0)).hasSize(n);
  }

  @Test
  void separatesComponentsLikeTheTextbookExample() {
    // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 4 -> 3, 5 alone with a self-free edge to 4.
    int[][] adj = {{1}, {2}, {0, 3}, {4}, {3}, {4}};
    List<List<Integer>> sccs = Cycles.tarjan(adj);
    assertThat(sccs.stream().map(c -> c.stream().sorted().toList()).toList())
        .containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(3, 4), List.of(5));
  }
}
