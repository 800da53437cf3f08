package dev.coldstart.store;

import dev.coldstart.stats.ChangePoints;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a series moved: {@link ChangePoints} (E-divisive means with a permutation test, see
 * docs/history.md#change-points) over the points' medians, and around each change the shift of
 * the runs themselves ({@link Shift}: Hodges-Lehmann with its Moses interval) from the points
 * before it to the points from it on, within the neighbouring change points.
 *
 * <p>The shift uses at most {@value #NEAREST} points on each side, the nearest to the change:
 * Shift sorts all n x m differences of run samples, and 1,000 points of 10 runs a side would be
 * 10^8 of them (800 MB); 30 points a side (300 runs, 90,000 differences) keep it under a
 * millisecond and describe the change itself rather than the series' drift far from it.
 */
final class Changes {
  static final int NEAREST = 30;

  private Changes() {}

  /**
   * {@code s} with its change points. Its points come without run samples; {@code load} fetches
   * them for the recordings (ids parallel to the points) the shifts need, and only those: a series
   * of 1,000 points with one change reads 60 recordings' runs, not 1,000.
   */
  static Series of(Series s, List<Long> ids, Function<Set<Long>, Map<Long, double[]>> load) {
    return of(s, detect(s), ids, load);
  }

  /**
   * The change points of {@code s}'s medians: the expensive, pure part (a permutation test per
   * split), which callers may run for several series at once.
   */
  static List<ChangePoints.ChangePoint> detect(Series s) {
    if (s.points().size() < 2 * ChangePoints.Settings.defaults().minSegment()) {
      return List.of();
    }
    double[] medians = s.points().stream().mapToDouble(Series.Point::median).toArray();
    return ChangePoints.detect(medians, ChangePoints.Settings.defaults());
  }

  /** {@code s} with the changes {@code found}, their shifts from the runs {@code load} reads. */
  static Series of(
      Series s, List<ChangePoints.ChangePoint> found, List<Long> ids, Function<Set<Long>, Map<Long, double[]>> load) {
    List<Series.Point> pts = s.points();
    if (found.isEmpty()) {
      return s;
    }
    Set<Long> needed = new HashSet<>();
    for (int i = 0; i < found.size(); i++) {
      int[] w = window(found, i, pts.size());
      for (int k = w[0]; k < w[2]; k++) {
        needed.add(ids.get(k));
      }
    }
    Map<Long, double[]> runs = load.apply(needed);
    List<Series.ChangePoint> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      int[] w = window(found, i, pts.size());
      int at = w[1];
      double[] before = samples(pts, ids, runs, w[0], at);
      double[] after = samples(pts, ids, runs, at, w[2]);
      Shift shift = Shift.between(before, after);
      out.add(new Series.ChangePoint(
          at, pts.get(at).commit(), Estimate.of(before).median(), Estimate.of(after).median(),
          shift.estimate(), shift.low(), shift.high(), found.get(i).p()));
    }
    return s.withChangePoints(out);
  }

  /** {from, at, to}: the points whose runs the i-th change's shift compares. */
  private static int[] window(List<ChangePoints.ChangePoint> found, int i, int size) {
    int from = i == 0 ? 0 : found.get(i - 1).index();
    int at = found.get(i).index();
    int to = i + 1 < found.size() ? found.get(i + 1).index() : size;
    return new int[] {Math.max(from, at - NEAREST), at, Math.min(to, at + NEAREST)};
  }

  /** The run samples of points {@code [from, to)}; a point without samples gives its median. */
  private static double[] samples(List<Series.Point> pts, List<Long> ids, Map<Long, double[]> runs, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += Math.max(1, runs.getOrDefault(ids.get(i), new double[0]).length);
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = from; i < to; i++) {
      double[] xs = runs.getOrDefault(ids.get(i), new double[0]);
      if (xs.length == 0) {
        out[k++] = pts.get(i).median();
      } else {
        System.arraycopy(xs, 0, out, k, xs.length);
        k += xs.length;
      }
    }
    return out;
  }
}
