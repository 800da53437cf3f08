package dev.coldstart.explain;

import java.util.Map;

/**
 * Where self times come from: the profiler's per-module medians and intervals plug in here. A
 * module the profiler did not time (preloaded, or loaded only in the recording pass) costs {@link
 * ModuleCost#ZERO}.
 *
 * <p>When the per-run self times are known too ({@link #runCount()} > 0), sums are made per run
 * and summarised afterwards (median of the per-run sums with its order-statistic interval): a sum
 * of medians underestimates the median of sums when times are skewed to the right, as they are on
 * a busy machine, and the sum of interval ends is needlessly wide.
 */
@FunctionalInterface
public interface SelfTimes {
  /** The module's own import time, without the modules it imports. */
  ModuleCost of(String module);

  /** How many measured runs {@link #runs} covers; 0 when only summaries are known. */
  default int runCount() {
    return 0;
  }

  /** The module's self time in µs in each run (0 where not imported), or null. */
  default double[] runs(String module) {
    return null;
  }

  /**
   * The import time of each run in µs (the summed top-level {@code -X importtime} rows), or null.
   * With it a saving is also priced as a share of the run's import time, per run: a slow run is
   * slow everywhere, so the share holds at another load where the milliseconds do not (see
   * docs/explain.md, "How a prediction is made, and checked").
   */
  default double[] totalRuns() {
    return null;
  }

  /** Self times from a map; missing modules cost nothing. */
  static SelfTimes of(Map<String, ModuleCost> byModule) {
    return module -> byModule.getOrDefault(module, ModuleCost.ZERO);
  }

  /** Self times with every run's value, {@code count} runs each. */
  static SelfTimes of(Map<String, ModuleCost> byModule, Map<String, double[]> runs, int count) {
    return of(byModule, runs, count, null);
  }

  /** As {@link #of(Map, Map, int)}, with each run's import time ({@code count} values) or null. */
  static SelfTimes of(
      Map<String, ModuleCost> byModule, Map<String, double[]> runs, int count, double[] totals) {
    if (totals != null && totals.length != count) {
      throw new IllegalArgumentException(totals.length + " import times for " + count + " runs");
    }
    return new SelfTimes() {
      @Override
      public double[] totalRuns() {
        return totals;
      }

      @Override
      public ModuleCost of(String module) {
        return byModule.getOrDefault(module, ModuleCost.ZERO);
      }

      @Override
      public int runCount() {
        return count;
      }

      @Override
      public double[] runs(String module) {
        double[] r = runs.get(module);
        return r == null ? new double[count] : r;
      }
    };
  }
}
