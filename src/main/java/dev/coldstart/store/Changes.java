package dev.coldstart.store;

import dev.coldstart.stats.ChangePoints;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.util.ArrayList;
import java.util.List;

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

  static Series of(Series s) {
    List<Series.Point> pts = s.points();
    if (pts.size() < 2 * ChangePoints.Settings.defaults().minSegment()) {
      return s;
    }
    double[] medians = pts.stream().mapToDouble(Series.Point::median).toArray();
    List<ChangePoints.ChangePoint> found = ChangePoints.detect(medians, ChangePoints.Settings.defaults());
    List<Series.ChangePoint> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      int from = i == 0 ? 0 : found.get(i - 1).index();
      int at = found.get(i).index();
      int to = i + 1 < found.size() ? found.get(i + 1).index() : pts.size();
      double[] before = samples(pts, Math.max(from, at - NEAREST), at);
      double[] after = samples(pts, at, Math.min(to, at + NEAREST));
      Shift shift = Shift.between(before, after);
      out.add(new Series.ChangePoint(
          at, pts.get(at).commit(), Estimate.of(before).median(), Estimate.of(after).median(),
          shift.estimate(), shift.low(), shift.high(), found.get(i).p()));
    }
    return s.withChangePoints(out);
  }

  /** The run samples of points {@code [from, to)}; a point without samples gives its median. */
  private static double[] samples(List<Series.Point> pts, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += Math.max(1, pts.get(i).samples().length);
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = from; i < to; i++) {
      double[] xs = pts.get(i).samples();
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
