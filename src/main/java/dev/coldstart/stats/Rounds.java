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
   * Rounds whose runs disagree about the machine's state, found in one of two ways.
   *
   * <p>When the runs show two states ({@link #acrossStates}: on the benchmark machine a run took
   * about 35 ms or about 46 ms, at random from run to run for minutes at a time), a round is
   * unsteady unless all its runs met the same state. Such rounds can be the majority: with the two
   * states equally likely, three sides meet the same state in a quarter of the rounds only. They
   * must still be left out, whatever their number: each holds a run 30 % off the others, six
   * times the 5 % to find, in a direction set by which side met which state. In 40 seeded
   * simulations of such runs (RoundsTest: states equally likely, 1.5 % noise within a state, 30
   * rounds), the centre of all rounds put a commit as slow as BAD on the wrong side of the
   * GOOD-BAD midpoint in 6; the rounds within one state (about 9 of the 30) in none.
   *
   * <p>Otherwise, per round and side, the log ratio of the side's run to the first side's run of
   * that round, less that ratio's median over all rounds (so the sides' own difference, the shift
   * being looked for, is taken out, and the state the round ran in cancels); per round, the range
   * of that over the sides. A round is unsteady when its range exceeds the median range by more
   * than {@code spreads} robust standard deviations of the ranges (1.4826 median absolute
   * deviations, at least {@link #MIN_SPREAD}). Both directions count: a run can be slow among fast
   * ones or fast among slow ones.
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
    for (double[] side : sides) {
      if (side.length != n) {
        throw new IllegalArgumentException("sides of different lengths: " + n + " and " + side.length);
      }
    }
    boolean[] states = acrossStates(sides);
    if (states != null) {
      return states;
    }
    double[] base = logs(sides[0]);
    double[] low = new double[n];
    double[] high = new double[n];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] side : sides) {
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
    double spread = spread(range, median);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = range[i] > median + spreads * spread;
    }
    return out;
  }

  /**
   * When the runs show two states of the machine, the rounds whose runs did not all meet the same
   * one (true: unsteady); null when they do not show two.
   *
   * <ol>
   *   <li>Each run's log time less its side's offset from the first side (the median over rounds
   *       of the two sides' log ratio in the same round). The offset is what is being measured;
   *       taking it out keeps a side that really is slower from looking like a state of its own.
   *       The median is not moved by the states: a round with side k slow and the first side fast
   *       is as likely as the reverse.
   *   <li>All runs of all sides pooled and split in two where the sum of squares within the parts
   *       is least (each part at least {@link #STATE_SHARE} of the runs, and 3).
   *   <li>Two states when the parts' medians lie more than {@link #STATE_SEPARATION} robust
   *       standard deviations (1.4826 median absolute deviations, at least {@link #MIN_SPREAD})
   *       of the wider part apart. One state with noise seldom passes: halves of a large normal
   *       sample lie about 2.3 such deviations apart, of a uniform one 2.7; of 200 samples of 30
   *       runs the farthest apart lay 4.3 (normal) and 7.3 (uniform). A false split costs rounds,
   *       not the verdict's direction: the rule does not look at which side is slower.
   *   <li>A run belongs to a state when it lies within {@link #STATE_WIDTH} of that part's robust
   *       deviations of its median; a run between the two (the state switched while it ran)
   *       belongs to neither, and its round is unsteady.
   *   <li>Still not two states when a side never met one of them (a machine's state slows every
   *       side alike) or more than {@link #STATE_NEITHER} of the runs belong to neither.
   * </ol>
   */
  static boolean[] acrossStates(double[]... sides) {
    int n = sides[0].length;
    int k = sides.length;
    double[] first = logs(sides[0]);
    double[][] u = new double[k][];
    for (int s = 0; s < k; s++) {
      double[] log = logs(sides[s]);
      double[] ratio = new double[n];
      for (int i = 0; i < n; i++) {
        ratio[i] = log[i] - first[i];
      }
      double offset = Samples.median(Samples.sorted(ratio, "ratios"));
      for (int i = 0; i < n; i++) {
        log[i] -= offset;
      }
      u[s] = log;
    }
    int total = n * k;
    int least = Math.max(3, (int) Math.ceil(STATE_SHARE * total));
    if (total < 2 * least) {
      return null;
    }
    double[] all = new double[total];
    for (int s = 0; s < k; s++) {
      System.arraycopy(u[s], 0, all, s * n, n);
    }
    java.util.Arrays.sort(all);
    // Centred on the median, so that the sums of squares below lose nothing to cancellation.
    double centre = Samples.median(all);
    double[] sum = new double[total + 1];
    double[] squares = new double[total + 1];
    for (int i = 0; i < total; i++) {
      double v = all[i] - centre;
      sum[i + 1] = sum[i] + v;
      squares[i + 1] = squares[i] + v * v;
    }
    int split = -1;
    double best = Double.POSITIVE_INFINITY;
    for (int c = least; c <= total - least; c++) {
      double below = squares[c] - sum[c] * sum[c] / c;
      double above = squares[total] - squares[c] - (sum[total] - sum[c]) * (sum[total] - sum[c]) / (total - c);
      if (below + above < best) {
        best = below + above;
        split = c;
      }
    }
    double[] fast = java.util.Arrays.copyOfRange(all, 0, split);
    double[] slow = java.util.Arrays.copyOfRange(all, split, total);
    double fastMid = Samples.median(fast);
    double slowMid = Samples.median(slow);
    double fastSpread = spread(fast, fastMid);
    double slowSpread = spread(slow, slowMid);
    if (slowMid - fastMid <= STATE_SEPARATION * Math.max(fastSpread, slowSpread)) {
      return null;
    }
    int[][] state = new int[k][n];
    int neither = 0;
    for (int s = 0; s < k; s++) {
      boolean[] seen = new boolean[2];
      for (int i = 0; i < n; i++) {
        double v = u[s][i];
        state[s][i] = Math.abs(v - fastMid) <= STATE_WIDTH * fastSpread ? 0
            : Math.abs(v - slowMid) <= STATE_WIDTH * slowSpread ? 1 : -1;
        if (state[s][i] < 0) {
          neither++;
        } else {
          seen[state[s][i]] = true;
        }
      }
      // A state of the machine slows every side alike: each side must have met both.
      if (!seen[0] || !seen[1]) {
        return null;
      }
    }
    if (neither > STATE_NEITHER * total) {
      return null;
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < k; s++) {
        out[i] |= state[s][i] < 0 || state[s][i] != state[0][i];
      }
    }
    return out;
  }

  /**
   * The largest share of runs that may belong to neither of two states ({@link #acrossStates}):
   * a run during which the state switched lies between them, but when many do, the runs show a
   * spread rather than two states (a side of a few hundred microseconds, say, whose own noise is
   * wide, with a slower side's runs in the middle of it).
   */
  static final double STATE_NEITHER = 0.2;

  /** 1.4826 median absolute deviations from {@code mid}, at least {@link #MIN_SPREAD}. */
  private static double spread(double[] x, double mid) {
    double[] dev = new double[x.length];
    for (int i = 0; i < dev.length; i++) {
      dev[i] = Math.abs(x[i] - mid);
    }
    java.util.Arrays.sort(dev);
    return Math.max(1.4826 * Samples.median(dev), MIN_SPREAD);
  }

  /** The least share of all runs each of two states must hold ({@link #acrossStates}). */
  static final double STATE_SHARE = 0.05;

  /**
   * How far apart two states' medians must lie, in robust standard deviations of the wider one
   * ({@link #acrossStates}). On the benchmark machine they lay 8 to 17 apart (about 35 and 46 ms,
   * each spread 2 to 4 %).
   */
  static final double STATE_SEPARATION = 6;

  /** How near a state's median a run must lie to belong to it, in its robust standard deviations. */
  static final double STATE_WIDTH = 4;

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
