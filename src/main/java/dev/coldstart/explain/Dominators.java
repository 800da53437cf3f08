package dev.coldstart.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Immediate dominators of a {@link RuntimeImportGraph}, from its root: module D dominates M when
 * every chain of imports from the interpreter to M passes through D, so deferring D's loading
 * removes M too.
 *
 * <p>Algorithm: Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001). Number the
 * nodes in reverse postorder, then repeat until nothing changes: idom(n) = the nearest common
 * ancestor, in the current tree, of n's processed predecessors. Each pass is O(N + E); import graphs
 * are nearly acyclic and converge in two or three passes (worst case O(N^2) passes x work, never
 * seen in practice at thousands of modules).
 */
final class Dominators {
  private final int[] idom;
  private final int[] order; // reverse postorder number of each node, -1 if unreachable
  private final List<List<Integer>> children;

  private Dominators(int[] idom, int[] order) {
    this.idom = idom;
    this.order = order;
    this.children = new ArrayList<>();
    for (int i = 0; i < idom.length; i++) {
      children.add(new ArrayList<>());
    }
    for (int n = 1; n < idom.length; n++) {
      if (idom[n] >= 0 && idom[n] != n) {
        children.get(idom[n]).add(n);
      }
    }
  }

  static Dominators of(RuntimeImportGraph graph) {
    int n = graph.size();
    int[] post = postorder(graph);
    int[] rpo = new int[n];
    Arrays.fill(rpo, -1);
    int[] byRpo = new int[post.length];
    for (int i = 0; i < post.length; i++) {
      int node = post[post.length - 1 - i];
      rpo[node] = i;
      byRpo[i] = node;
    }
    List<List<Integer>> preds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      preds.add(new ArrayList<>());
    }
    for (int from = 0; from < n; from++) {
      for (int to : graph.successors(from)) {
        preds.get(to).add(from);
      }
    }
    int[] idom = new int[n];
    Arrays.fill(idom, -1);
    idom[0] = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 1; i < byRpo.length; i++) {
        int node = byRpo[i];
        int candidate = -1;
        for (int p : preds.get(node)) {
          if (idom[p] < 0) {
            continue; // not processed yet (or unreachable)
          }
          candidate = candidate < 0 ? p : intersect(p, candidate, idom, rpo);
        }
        if (candidate >= 0 && idom[node] != candidate) {
          idom[node] = candidate;
          changed = true;
        }
      }
    }
    return new Dominators(idom, rpo);
  }

  private static int intersect(int a, int b, int[] idom, int[] rpo) {
    while (a != b) {
      while (rpo[a] > rpo[b]) {
        a = idom[a];
      }
      while (rpo[b] > rpo[a]) {
        b = idom[b];
      }
    }
    return a;
  }

  /** Iterative depth-first postorder from the root (import chains can be thousands deep). */
  private static int[] postorder(RuntimeImportGraph graph) {
    int n = graph.size();
    boolean[] seen = new boolean[n];
    int[] next = new int[n];
    int[] stack = new int[n];
    int[] out = new int[n];
    int size = 0;
    int top = 0;
    stack[top++] = 0;
    seen[0] = true;
    while (top > 0) {
      int node = stack[top - 1];
      int[] succ = graph.successors(node);
      if (next[node] < succ.length) {
        int child = succ[next[node]++];
        if (!seen[child]) {
          seen[child] = true;
          stack[top++] = child;
        }
      } else {
        out[size++] = node;
        top--;
      }
    }
    return Arrays.copyOf(out, size);
  }

  /** The immediate dominator; the root's is itself; -1 when unreachable. */
  int idom(int node) {
    return idom[node];
  }

  boolean reachable(int node) {
    return order[node] >= 0;
  }

  /** Children in the dominator tree: the modules whose nearest gatekeeper is {@code node}. */
  List<Integer> dominated(int node) {
    return children.get(node);
  }

  /** Nodes in an order where each comes after everything it dominates (a bottom-up walk). */
  int[] bottomUp() {
    int[] out = new int[idom.length];
    int size = 0;
    int[] stack = new int[idom.length];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      out[size++] = node;
      for (int c : children.get(node)) {
        stack[top++] = c;
      }
    }
    int[] reversed = new int[size];
    for (int i = 0; i < size; i++) {
      reversed[i] = out[size - 1 - i];
    }
    return reversed;
  }
}
