package dev.coldstart.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * How much a second sample is shifted from a first one: the Hodges-Lehmann estimate with its Moses
 * confidence interval, and the two-sided Mann-Whitney U p-value. Distribution-free: it assumes only
 * that the two samples have the same shape, one shifted from the other.
 *
 * <p>Hodges-Lehmann: the median of all {@code n * m} differences {@code b[j] - a[i]}. Moses
 * interval: the sorted differences {@code [D(k), D(N+1-k)]}, which cover the true shift with
 * probability {@code 1 - 2 P(U <= k-1)} where U is the Mann-Whitney statistic under no difference
 * ({@link RankSumDistribution}: exact up to {@code n * m = 10,000}, normal beyond). As for {@link
 * Estimate}, the narrowest pair reaching the confidence is taken and its coverage reported; tiny
 * samples (e.g. 3 and 3: at most 90 %) get {@code [D(1), D(N)]} with the lower coverage said. Ties
 * (equal timings) make the stated coverage approximate.
 *
 * <p>The p-value comes from commons-statistics {@link MannWhitneyUTest} (two-sided; exact for small
 * samples without ties, normal approximation with tie correction otherwise).
 *
 * <p>Cost: the {@code n * m} differences are sorted, O(nm log nm) time and nm doubles (1,000 runs
 * against 1,000: 8 MB).
 *
 * @param estimate the Hodges-Lehmann shift, in the samples' unit; positive when b is larger
 * @param low lower end of the Moses interval
 * @param high upper end of the Moses interval
 * @param coverage the probability that such an interval covers the true shift
 * @param pValue two-sided Mann-Whitney p-value for "no difference"
 * @param n size of the first sample
 * @param m size of the second sample
 */
public record Shift(
    double estimate, double low, double high, double coverage, double pValue, int n, int m) {

  /** The shift from {@code a} to {@code b} ({@code b - a}) with a 95 % interval. */
  public static Shift between(double[] a, double[] b) {
    return between(a, b, Estimate.DEFAULT_CONFIDENCE);
  }

  /**
   * The shift from {@code a} to {@code b} with an interval of at least {@code confidence} coverage
   * where the sample sizes allow it.
   *
   * @throws IllegalArgumentException if a sample is empty or holds NaN or infinities
   */
  public static Shift between(double[] a, double[] b, double confidence) {
    Samples.checkConfidence(confidence);
    double[] x = Samples.sorted(a, "first sample");
    double[] y = Samples.sorted(b, "second sample");
    int n = x.length;
    int m = y.length;
    if ((long) n * m > 100_000_000) { // 800 MB of differences: far beyond any run count
      throw new IllegalArgumentException("samples too large: " + n + " x " + m);
    }
    double[] differences = new double[n * m];
    int at = 0;
    for (double yj : y) {
      for (double xi : x) {
        differences[at++] = yj - xi;
      }
    }
    Arrays.sort(differences);
    int total = differences.length;
    RankSumDistribution u = RankSumDistribution.of(n, m);
    int k = narrowestCovering(u, (total + 1) / 2, confidence);
    double pValue =
        MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .test(x, y)
            .getPValue();
    return new Shift(
        Samples.median(differences),
        differences[k - 1],
        differences[total - k],
        coverage(u, k),
        pValue,
        n,
        m);
  }

  /**
   * The largest k in {@code [1, last]} whose interval {@code [D(k), D(N+1-k)]} still covers at
   * least {@code confidence} (1 when even k = 2 does not). Coverage only falls as k grows (P(U <=
   * k-1) only rises), so a binary search finds the same k as walking up from 1: about 17 look-ups
   * instead of up to N/2 (300 runs against 300: 90,000 differences, ~43,000 normal-CDF look-ups,
   * ~25 ms of a cold JVM; history computes one shift per change point).
   */
  static int narrowestCovering(RankSumDistribution u, int last, double confidence) {
    int good = 1; // coverage(1) is never checked against confidence: the widest interval there is
    int bad = last + 1; // first k known not to qualify (or past the end)
    while (bad - good > 1) {
      int mid = (good + bad) >>> 1;
      if (coverage(u, mid) >= confidence) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  private static double coverage(RankSumDistribution u, int k) {
    return Math.max(0, 1 - 2 * u.cumulative(k - 1));
  }

  /** Whether the interval excludes zero, i.e. the samples differ at its coverage. */
  public boolean excludesZero() {
    return low > 0 || high < 0;
  }
}
