package dev.coldstart.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Null distribution of the Mann-Whitney U statistic (pairs {@code (x, y)} with {@code x > y}) for
 * samples of sizes n and m drawn from one continuous distribution.
 *
 * <p>Exact for {@code n * m <= EXACT_LIMIT}, by the recurrence on the largest of the n + m values:
 * it is an x with probability {@code n / (n + m)} and then beats all m y's, else it is a y and
 * beats nothing: {@code p(n, m, u) = n/(n+m) p(n-1, m, u-m) + m/(n+m) p(n, m-1, u)}. Only positive
 * terms are added, so it stays accurate; it costs about {@code (n m)^2 / 4} additions and {@code m
 * * n * m} doubles (100 x 100: 25 M additions, 8 MB). Larger samples use the normal approximation
 * with a continuity correction.
 */
final class RankSumDistribution {
  static final int EXACT_LIMIT = 10_000;
  // A profile compares many modules over the same run counts: build each (n, m) once.
  private static final Map<Long, RankSumDistribution> CACHE = new ConcurrentHashMap<>();

  static RankSumDistribution of(int n, int m) {
    if (CACHE.size() > 256) {
      CACHE.clear();
    }
    return CACHE.computeIfAbsent(((long) n << 32) | m, key -> new RankSumDistribution(n, m));
  }

  private final int n;
  private final int m;
  private final double[] cdf; // exact P(U <= u), or null when approximated

  RankSumDistribution(int n, int m) {
    this.n = n;
    this.m = m;
    this.cdf = (long) n * m <= EXACT_LIMIT ? exactCdf(n, m) : null;
  }

  boolean exact() {
    return cdf != null;
  }

  /** P(U <= u). */
  double cumulative(int u) {
    if (u < 0) {
      return 0;
    }
    if (u >= (long) n * m) {
      return 1;
    }
    if (cdf != null) {
      return cdf[u];
    }
    double mean = n * (double) m / 2;
    double sd = Math.sqrt(n * (double) m * (n + m + 1) / 12);
    return NormalDistribution.of(mean, sd).cumulativeProbability(u + 0.5);
  }

  private static double[] exactCdf(int n, int m) {
    // row[j] = distribution of U for sizes (i, j), for the current i; start with i = 0.
    double[][] row = new double[m + 1][];
    for (int j = 0; j <= m; j++) {
      row[j] = new double[] {1};
    }
    for (int i = 1; i <= n; i++) {
      double[][] next = new double[m + 1][];
      next[0] = new double[] {1};
      for (int j = 1; j <= m; j++) {
        double[] p = new double[i * j + 1];
        double xLargest = i / (double) (i + j);
        double[] xs = row[j]; // sizes (i-1, j), shifted by j
        for (int u = 0; u < xs.length; u++) {
          p[u + j] += xLargest * xs[u];
        }
        double[] ys = next[j - 1]; // sizes (i, j-1)
        for (int u = 0; u < ys.length; u++) {
          p[u] += (1 - xLargest) * ys[u];
        }
        next[j] = p;
      }
      row = next;
    }
    double[] density = row[m];
    double[] cumulative = new double[density.length];
    double sum = 0;
    for (int u = 0; u < density.length; u++) {
      sum += density[u];
      cumulative[u] = Math.min(1, sum);
    }
    return cumulative;
  }
}
