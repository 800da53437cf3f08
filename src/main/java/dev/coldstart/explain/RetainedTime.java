package dev.coldstart.explain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retained time: for each module, the self times of everything only it brings in, i.e. the sum of
 * self times over its subtree in the dominator tree. It is what would no longer be paid if that
 * module were not loaded at all; unlike {@code -X importtime}'s cumulative time, a module imported
 * first by A and then by B is not credited to A.
 *
 * <p>With per-run self times (see {@link SelfTimes}) the sums are made per run, then summarised.
 *
 * <p>Cost: dominators (see {@link Dominators}) plus one bottom-up pass, O(N + E) (times the
 * number of runs for per-run sums).
 */
public final class RetainedTime {
  private final RuntimeImportGraph graph;
  private final Dominators dominators;
  private final ModuleCost[] self;
  private final ModuleCost[] retained;
  // Per-run self times (µs) when known: node -> run -> value; null otherwise. O(N * runs) memory.
  private final double[][] selfRuns;
  // Import time of each run (µs) when known with the per-run self times; null otherwise.
  private final double[] totalRuns;

  private RetainedTime(RuntimeImportGraph graph, Dominators dominators, SelfTimes times) {
    this.graph = graph;
    this.dominators = dominators;
    int n = graph.size();
    int r = times.runCount();
    self = new ModuleCost[n];
    retained = new ModuleCost[n];
    selfRuns = r > 0 ? new double[n][] : null;
    totalRuns = r > 0 && times.totalRuns() != null ? times.totalRuns().clone() : null;
    double[][] retainedRuns = r > 0 ? new double[n][] : null;
    for (int i = 0; i < n; i++) {
      self[i] = i == 0 ? ModuleCost.ZERO : times.of(graph.name(i));
      retained[i] = self[i];
      if (r > 0) {
        selfRuns[i] = i == 0 ? new double[r] : times.runs(graph.name(i)).clone();
        retainedRuns[i] = selfRuns[i].clone();
      }
    }
    for (int node : dominators.bottomUp()) {
      for (int child : dominators.dominated(node)) {
        retained[node] = retained[node].plus(retained[child]);
        if (r > 0) {
          add(retainedRuns[node], retainedRuns[child]);
        }
      }
    }
    if (r > 0) {
      for (int i = 0; i < n; i++) {
        retained[i] = ofRuns(retainedRuns[i]);
      }
    }
  }

  static void add(double[] into, double[] more) {
    for (int k = 0; k < into.length; k++) {
      into[k] += more[k];
    }
  }

  /** The median of per-run sums with its distribution-free 95 % interval. */
  static ModuleCost ofRuns(double[] sums) {
    dev.coldstart.stats.Estimate e = dev.coldstart.stats.Estimate.of(sums);
    return new ModuleCost(e.median(), e.low(), e.high());
  }

  /** Per-run self times of a node, or null when only summaries are known. */
  double[] selfRunsAt(int node) {
    return selfRuns == null ? null : selfRuns[node];
  }

  /** Import time of each run, or null when not known (see {@link SelfTimes#totalRuns}). */
  double[] totalRuns() {
    return totalRuns;
  }

  public static RetainedTime of(RuntimeImportGraph graph, SelfTimes times) {
    return new RetainedTime(graph, Dominators.of(graph), times);
  }

  /** With the graph's dominators already known (they depend on the graph alone). */
  static RetainedTime of(RuntimeImportGraph graph, Dominators dominators, SelfTimes times) {
    return new RetainedTime(graph, dominators, times);
  }

  public RuntimeImportGraph graph() {
    return graph;
  }

  public ModuleCost self(String module) {
    return self[graph.indexOf(module)];
  }

  /** The module's self time plus that of every module it dominates. */
  public ModuleCost retained(String module) {
    return retained[graph.indexOf(module)];
  }

  /** The module's immediate dominator: the nearest module every chain to it passes through. */
  public String gatekeeper(String module) {
    int idom = dominators.idom(graph.indexOf(module));
    return idom < 0 ? null : graph.name(idom);
  }

  /** Every module's retained time, in graph order. */
  public Map<String, ModuleCost> all() {
    Map<String, ModuleCost> out = new LinkedHashMap<>();
    for (int i = 0; i < graph.size(); i++) {
      out.put(graph.name(i), retained[i]);
    }
    return out;
  }

  Dominators dominators() {
    return dominators;
  }

  ModuleCost selfAt(int node) {
    return self[node];
  }
}
