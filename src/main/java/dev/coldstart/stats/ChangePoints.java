package dev.coldstart.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Change points in a series of per-commit results: the commits after which start-up time moved and
 * stayed moved, found by E-divisive means (Matteson and James, "A nonparametric approach for
 * multiple change point analysis of multivariate data", JASA 2014), the method MongoDB's CI runs
 * on its performance history (Daly et al., "The Use of Change Point Detection to Identify Software
 * Performance Regressions in a Continuous Integration System", ICPE 2020) and Apache Otava (formerly
 * Hunter) runs on benchmark series.
 *
 * <p>The statistic (energy distance, exponent 1): for a split of a segment into X (before {@code
 * tau}, m points) and Y (from {@code tau}, k points),
 *
 * <pre>
 *   Q(tau) = m k / (m + k) * ( 2/(m k) sum|X_i - Y_j| - 1/C(m,2) sum|X_i - X_l| - 1/C(k,2) sum|Y_j - Y_l| )
 * </pre>
 *
 * It is large when points across the split are further apart than points on the same side. It
 * assumes nothing about the noise's shape (only a finite mean), which is why a heavy right tail
 * (a run that hit a busy CPU) does not fake a step the way it moves a mean.
 *
 * <p>Hierarchical: take the split with the largest Q in a segment (both sides at least {@link
 * Settings#minSegment()} points), test it by permutation (shuffle the segment, take the largest Q
 * again; {@code p = (1 + #{shuffles with Q >= observed}) / (1 + shuffles)}), keep it when {@code p
 * <= significance} and recurse into both halves; stop when a segment's best split is not
 * significant. On a flat series each level is a test at the significance level, and the search
 * stops at the first non-significant top split, so the chance of any false change point is about
 * the significance level (measured: docs/statistics.md).
 *
 * <p>Cost: the three sums for every tau of a segment of n points come from two sweeps over a
 * Fenwick tree of the segment's ranks (count and sum of the values below each point): O(n log n)
 * per curve, where the pairwise distance matrix the paper and MongoDB use costs O(n^2) time and
 * O(n^2) memory (2,000 points: 32 MB). Each split costs {@code (1 + permutations)} curves; a series
 * with c change points makes about {@code 2c + 1} tests. 2,000 points with the defaults take well
 * under a second (bench/changepoints.sh).
 *
 * <p>Reproducible: each segment's shuffles come from a {@link SplittableRandom} seeded with the
 * settings' seed and the segment's bounds, so the same series gives the same answer whatever the
 * order of recursion.
 */
public final class ChangePoints {
  private ChangePoints() {}

  /**
   * How change points are searched for.
   *
   * @param significance a split is kept when its permutation p-value is at most this (0 to 1)
   * @param minSegment fewest points on each side of a split (at least 2)
   * @param permutations shuffles per test; the smallest p it can give is {@code 1 / (1 +
   *     permutations)}, so it must be at least {@code 1 / significance - 1}
   * @param seed seed of the shuffles, so that the same series gives the same answer
   */
  public record Settings(double significance, int minSegment, int permutations, long seed) {
    public Settings {
      if (!(significance > 0 && significance < 1)) {
        throw new IllegalArgumentException(
            "significance must be between 0 and 1, was " + significance);
      }
      if (minSegment < 2) {
        throw new IllegalArgumentException("minimum segment must be at least 2, was " + minSegment);
      }
      if (permutations < 1 || 1.0 / (1 + permutations) > significance) {
        throw new IllegalArgumentException(
            permutations
                + " permutations cannot reach a p-value of "
                + significance
                + " (need at least "
                + (long) Math.ceil(1 / significance - 1)
                + ")");
      }
    }

    /** Significance 0.01, at least 3 commits per segment, 199 shuffles, seed 1. */
    public static Settings defaults() {
      return new Settings(0.01, 3, 199, 1);
    }

    public Settings withSignificance(double value) {
      return new Settings(value, minSegment, permutations, seed);
    }

    public Settings withMinSegment(int value) {
      return new Settings(significance, value, permutations, seed);
    }

    public Settings withPermutations(int value) {
      return new Settings(significance, minSegment, value, seed);
    }

    public Settings withSeed(long value) {
      return new Settings(significance, minSegment, permutations, value);
    }
  }

  /**
   * A change point.
   *
   * @param index the first point of the new segment (0-based into the series)
   * @param p the permutation p-value of the split when it was found
   */
  public record ChangePoint(int index, double p) {}

  /**
   * A change point with the size of its step: the medians of the segments either side (bounded by
   * the neighbouring change points) and the Hodges-Lehmann shift between them with its interval.
   *
   * @param index the first point of the new segment
   * @param p the permutation p-value
   * @param before median of the segment before
   * @param after median of the segment from {@code index}
   * @param shift the shift from the segment before to the one after ({@link Shift#between})
   */
  public record Step(int index, double p, double before, double after, Shift shift) {}

  /**
   * The change points of {@code series}, sorted by index.
   *
   * @throws IllegalArgumentException if the series holds NaN or infinities
   */
  public static List<ChangePoint> detect(double[] series, Settings settings) {
    for (double v : series) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("series holds " + v);
      }
    }
    List<ChangePoint> found = new ArrayList<>();
    split(series, 0, series.length, settings, found);
    found.sort(Comparator.comparingInt(ChangePoint::index));
    return List.copyOf(found);
  }

  /** The change points with the segment medians and shift around each. */
  public static List<Step> steps(double[] series, List<ChangePoint> points) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      int from = i == 0 ? 0 : points.get(i - 1).index();
      int at = points.get(i).index();
      int to = i + 1 < points.size() ? points.get(i + 1).index() : series.length;
      double[] before = Arrays.copyOfRange(series, from, at);
      double[] after = Arrays.copyOfRange(series, at, to);
      Shift shift = Shift.between(before, after);
      steps.add(
          new Step(
              at,
              points.get(i).p(),
              Samples.median(Samples.sorted(before, "segment")),
              Samples.median(Samples.sorted(after, "segment")),
              shift));
    }
    return List.copyOf(steps);
  }

  private static void split(
      double[] series, int from, int to, Settings settings, List<ChangePoint> found) {
    int n = to - from;
    if (n < 2 * settings.minSegment()) {
      return;
    }
    double[] values = Arrays.copyOfRange(series, from, to);
    int[] ranks = ranks(values);
    Curve curve = new Curve(n);
    Best best = curve.best(values, ranks, settings.minSegment());
    if (best.q() <= 0) {
      return; // no split puts points across further apart than within: nothing to test
    }
    SplittableRandom random = new SplittableRandom(mix(settings.seed(), from, to));
    double[] shuffled = values.clone();
    int[] shuffledRanks = ranks.clone();
    int atLeast = 0;
    // Beyond this many shuffles at least as extreme, p > significance whatever comes next.
    int allowed = (int) Math.floor(settings.significance() * (1 + settings.permutations())) - 1;
    for (int s = 0; s < settings.permutations(); s++) {
      shuffle(shuffled, shuffledRanks, random);
      if (curve.best(shuffled, shuffledRanks, settings.minSegment()).q() >= best.q()) {
        atLeast++;
        if (atLeast > allowed) {
          return;
        }
      }
    }
    double p = (1.0 + atLeast) / (1.0 + settings.permutations());
    int at = from + best.tau();
    found.add(new ChangePoint(at, p));
    split(series, from, at, settings, found);
    split(series, at, to, settings, found);
  }

  /** Q at every split tau of {@code values} (NaN where a side has fewer than 2 points); for tests. */
  static double[] statistic(double[] values) {
    double[] curve = new double[values.length + 1];
    Arrays.fill(curve, Double.NaN);
    if (values.length >= 4) {
      new Curve(values.length).best(values, ranks(values), 2, curve);
    }
    return curve;
  }

  private record Best(int tau, double q) {}

  /**
   * Q for every split of one segment; holds its work arrays so that the permutations of a test
   * reuse them.
   */
  private static final class Curve {
    private final long[] counts;
    private final double[] sums;
    private final double[] within; // within[t]: sum |v_i - v_l| over i < l < t
    private final double[] withinAfter; // withinAfter[t]: sum over t <= i < l

    Curve(int n) {
      counts = new long[n + 1];
      sums = new double[n + 1];
      within = new double[n + 1];
      withinAfter = new double[n + 1];
    }

    Best best(double[] v, int[] rank, int minSegment) {
      return best(v, rank, minSegment, null);
    }

    /** The best split; also writes each tau's Q into {@code curve} when it is not null. */
    Best best(double[] v, int[] rank, int minSegment, double[] curve) {
      int n = v.length;
      // Left to right: distance of each point to all before it.
      clear();
      within[0] = 0;
      for (int t = 0; t < n; t++) {
        within[t + 1] = within[t] + distanceToInserted(v[t], rank[t], t);
        insert(rank[t], v[t]);
      }
      // Right to left: distance of each point to all after it.
      clear();
      withinAfter[n] = 0;
      for (int t = n - 1; t >= 0; t--) {
        withinAfter[t] = withinAfter[t + 1] + distanceToInserted(v[t], rank[t], n - 1 - t);
        insert(rank[t], v[t]);
      }
      double total = within[n];
      int bestTau = -1;
      double bestQ = Double.NEGATIVE_INFINITY;
      for (int tau = minSegment; tau <= n - minSegment; tau++) {
        double m = tau;
        double k = n - tau;
        double across = total - within[tau] - withinAfter[tau];
        double energy =
            2 * across / (m * k)
                - within[tau] / (m * (m - 1) / 2)
                - withinAfter[tau] / (k * (k - 1) / 2);
        double q = m * k / (m + k) * energy;
        if (curve != null) {
          curve[tau] = q;
        }
        if (q > bestQ) {
          bestQ = q;
          bestTau = tau;
        }
      }
      return new Best(bestTau, bestQ);
    }

    private void clear() {
      Arrays.fill(counts, 0);
      Arrays.fill(sums, 0);
    }

    // Fenwick tree over ranks 1..n: count and sum of the values inserted so far.
    private void insert(int rank, double value) {
      for (int i = rank + 1; i < counts.length; i += i & -i) {
        counts[i]++;
        sums[i] += value;
      }
    }

    /** Sum of |value - w| over the {@code inserted} values so far, from those ranked below. */
    private double distanceToInserted(double value, int rank, int inserted) {
      long below = 0;
      double sumBelow = 0;
      for (int i = rank; i > 0; i -= i & -i) {
        below += counts[i];
        sumBelow += sums[i];
      }
      double sumAll = 0;
      for (int i = counts.length - 1; i > 0; i -= i & -i) {
        sumAll += sums[i];
      }
      long above = inserted - below;
      double sumAbove = sumAll - sumBelow;
      return value * below - sumBelow + sumAbove - value * above;
    }
  }

  /** Ranks 0..n-1 of the values (ties broken by position; equal values are at distance 0). */
  private static int[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    int[] ranks = new int[values.length];
    for (int r = 0; r < order.length; r++) {
      ranks[order[r]] = r;
    }
    return ranks;
  }

  private static void shuffle(double[] values, int[] ranks, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double v = values[i];
      values[i] = values[j];
      values[j] = v;
      int r = ranks[i];
      ranks[i] = ranks[j];
      ranks[j] = r;
    }
  }

  private static long mix(long seed, int from, int to) {
    long h = seed * 0x9E3779B97F4A7C15L + from;
    h = h * 0xBF58476D1CE4E5B9L + to;
    return h ^ (h >>> 31);
  }
}
