package dev.coldstart.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The median of a sample with a distribution-free confidence interval.
 *
 * <p>The interval is a pair of order statistics {@code [x(k), x(n+1-k)]} (1-based, sorted). Each
 * run falls below the true median with probability 1/2 whatever the distribution, so the number of
 * runs below it is Binomial(n, 1/2) and the pair covers the median with probability exactly {@code
 * 1 - 2 P(B <= k-1)} (continuous distributions; ties only make it larger). The estimator takes the
 * narrowest such pair whose coverage is at least the confidence asked for, and reports that
 * coverage: it is discrete, so it is usually a little above (e.g. 97.9 % for n = 10, 95.7 % for n =
 * 30 at 95 %).
 *
 * <p>Small samples: with n runs the widest pair, {@code [min, max]}, covers with {@code 1 -
 * 2^(1-n)}; below 95 % for n < 6 (n = 5: 93.75 %, n = 1: 0). Then the interval is {@code [min,
 * max]} and {@link #coverage()} says how much less than asked it is; callers should show it.
 *
 * <p>Cost: a sort, O(n log n), and at most n/2 binomial tail probabilities.
 *
 * @param median the sample median (mean of the two middle values for even n)
 * @param low lower end of the interval, an observed value
 * @param high upper end of the interval, an observed value
 * @param coverage the exact probability that such an interval covers the true median
 * @param n the number of values
 */
public record Estimate(double median, double low, double high, double coverage, int n) {
  public static final double DEFAULT_CONFIDENCE = 0.95;

  /** The median with its 95 % interval. */
  public static Estimate of(double[] sample) {
    return of(sample, DEFAULT_CONFIDENCE);
  }

  /**
   * The median with an interval of at least {@code confidence} coverage where n allows it.
   *
   * @throws IllegalArgumentException if the sample is empty or holds NaN or infinities
   */
  public static Estimate of(double[] sample, double confidence) {
    Samples.checkConfidence(confidence);
    double[] x = Samples.sorted(sample, "sample");
    int n = x.length;
    Pair pair = PAIRS.computeIfAbsent(new PairKey(n, confidence), Estimate::pair);
    int k = pair.k();
    return new Estimate(Samples.median(x), x[k - 1], x[n - k], pair.coverage(), n);
  }

  /** Not a record: a record's first equals or hashCode links generated code (~6 ms, cold). */
  private static final class PairKey {
    private final int n;
    private final double confidence;

    PairKey(int n, double confidence) {
      this.n = n;
      this.confidence = confidence;
    }

    int n() {
      return n;
    }

    double confidence() {
      return confidence;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PairKey k && k.n == n && Double.compare(k.confidence, confidence) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * n + Double.hashCode(confidence);
    }
  }

  /** Which order statistics to take, {@code [x(k), x(n+1-k)]}, and how often they cover. */
  private record Pair(int k, double coverage) {}

  // The pair depends on n and the confidence only; a profile asks for the same few n hundreds of
  // times (two estimates per module), and each costs up to n/2 binomial tail probabilities.
  private static final java.util.Map<PairKey, Pair> PAIRS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pair pair(PairKey key) {
    int n = key.n();
    BinomialDistribution below = BinomialDistribution.of(n, 0.5);
    // k = 1 is [min, max]; move inwards while the next pair still covers enough.
    int k = 1;
    while (k + 1 <= (n + 1) / 2 && coverage(below, k + 1) >= key.confidence()) {
      k++;
    }
    return new Pair(k, coverage(below, k));
  }

  /** Probability that {@code [x(k), x(n+1-k)]} covers the median. */
  private static double coverage(BinomialDistribution below, int k) {
    return Math.max(0, 1 - 2 * below.cumulativeProbability(k - 1));
  }

  /** Whether the interval reaches the confidence asked for (false only for small samples). */
  public boolean reaches(double confidence) {
    return coverage >= confidence;
  }
}
