package dev.coldstart.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Runs taken in rounds (one run of every side per round, the sides' order changing from round to
 * round), compared round by round as ratios.
 *
 * <p>Why ratios, and why some rounds are left out: on a machine whose other CPU is sometimes busy
 * (two vCPUs that share a core, a CI runner with neighbours), a process's CPU time does not drift
 * gently; it switches between states. On this project's build machine an import of 35 ms took 50
 * ms whenever the other vCPU was busy, for seconds at a time, and a 5 % slowdown is then 1.8 ms in
 * one state and 2.5 ms in the other (docs/benchmarks.md, "Bisect on a generated history"). In a
 * round whose runs all met the same state the ratio of two sides is the same in either state, so
 * ratios (differences of logarithms) put every steady round on one scale. A round during which the
 * state switched holds one run 40 % off the others: such a round says nothing about a 5 % shift,
 * and a few of them move an estimate by more than the whole shift, in a direction set by which
 * side happened to run in the other state. {@link #unsteady} finds them.
 */
public final class Rounds {
  private Rounds() {}

  /**
   * Rounds whose runs disagree about the machine's state. Per round and side, the log ratio of
   * the side's run to the first side's run of that round, less that ratio's median over all rounds
   * (so the sides' own difference, the shift being looked for, is taken out, and the state the
   * round ran in cancels); per round, the range of that over the sides. A round is unsteady when
   * its range exceeds the median range by more than {@code spreads} robust standard deviations of
   * the ranges (1.4826 median absolute deviations, at least {@link #MIN_SPREAD}). Both directions
   * count: a run can be slow among fast ones or fast among slow ones, and it does not matter which
   * state most rounds ran in. When most rounds are unsteady the median range is their range and
   * few or none are flagged: there is no steady majority to keep.
   *
   * @param sides one array per side, value {@code i} from round {@code i}; all values above zero
   * @throws IllegalArgumentException on fewer than two sides, arrays of different lengths or a value
   *     that is not a positive finite number
   */
  public static boolean[] unsteady(double spreads, double[]... sides) {
    if (sides.length < 2) {
      throw new IllegalArgumentException("rounds need at least two sides");
    }
    int n = sides[0].length;
    double[] base = logs(sides[0]);
    double[] low = new double[n];
    double[] high = new double[n];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] side : sides) {
      if (side.length != n) {
        throw new IllegalArgumentException("sides of different lengths: " + n + " and " + side.length);
      }
      double[] log = logs(side);
      double[] ratio = new double[n];
      for (int i = 0; i < n; i++) {
        ratio[i] = log[i] - base[i];
      }
      double usual = Samples.median(Samples.sorted(ratio, "ratios"));
      for (int i = 0; i < n; i++) {
        low[i] = Math.min(low[i], ratio[i] - usual);
        high[i] = Math.max(high[i], ratio[i] - usual);
      }
    }
    double[] range = new double[n];
    for (int i = 0; i < n; i++) {
      range[i] = high[i] - low[i];
    }
    double median = Samples.median(Samples.sorted(range, "ranges"));
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(range[i] - median);
    }
    double spread = Math.max(1.4826 * Samples.median(Samples.sorted(dev, "deviations")), MIN_SPREAD);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = range[i] > median + spreads * spread;
    }
    return out;
  }

  /**
   * The least spread {@link #unsteady} assumes, in log units (0.5 %): runs that agree more closely
   * than timers and caches allow (equal values in a test) must not make every small difference a
   * state switch.
   */
  static final double MIN_SPREAD = 0.005;

  /**
   * The values of {@code x} at the rounds not flagged in {@code leftOut}.
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double[] kept(double[] x, boolean[] leftOut) {
    if (x.length != leftOut.length) {
      throw new IllegalArgumentException("lengths differ: " + x.length + " and " + leftOut.length);
    }
    int k = 0;
    for (boolean b : leftOut) {
      k += b ? 0 : 1;
    }
    double[] out = new double[k];
    k = 0;
    for (int i = 0; i < x.length; i++) {
      if (!leftOut[i]) {
        out[k++] = x[i];
      }
    }
    return out;
  }

  /**
   * How much {@code b} is shifted from {@code a}, round by round: the centre of {@code ln(b_i /
   * a_i)} ({@link Center}: one-sample Hodges-Lehmann with its signed-rank interval), turned back
   * into {@code a}'s unit at {@code a}'s median ({@code median(a) * (e^x - 1)} for the estimate and
   * both ends), and the two-sided Wilcoxon signed-rank p-value for "no shift" (commons-statistics
   * {@link WilcoxonSignedRankTest}). {@link Shift#n()} and {@link Shift#m()} are both the number of
   * rounds.
   *
   * @throws IllegalArgumentException on empty or different-length samples or a value that is not a
   *     positive finite number
   */
  public static Shift ratioShift(double[] a, double[] b, double confidence) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("sides of different lengths: " + a.length + " and " + b.length);
    }
    double[] la = logs(a);
    double[] lb = logs(b);
    double[] d = new double[a.length];
    boolean allZero = true;
    for (int i = 0; i < d.length; i++) {
      d[i] = lb[i] - la[i];
      allZero &= d[i] == 0;
    }
    Estimate e = Center.of(d, confidence);
    double p = allZero || d.length < 2 ? 1
        : WilcoxonSignedRankTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED).test(d).getPValue();
    double scale = Samples.median(Samples.sorted(a, "first sample"));
    return new Shift(scale * Math.expm1(e.median()), scale * Math.expm1(e.low()), scale * Math.expm1(e.high()),
        e.coverage(), p, d.length, d.length);
  }

  /** Natural logarithms; every value must be a positive finite number. */
  public static double[] logs(double[] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("sample is empty");
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !Double.isFinite(x[i])) {
        throw new IllegalArgumentException("a time must be above zero to be compared as a ratio, not " + x[i]);
      }
      out[i] = Math.log(x[i]);
    }
    return out;
  }
}
