package dev.coldstart.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.coldstart.stats.EstimateTest.Distribution;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShiftTest {
  @Test
  void hodgesLehmannIsTheMedianOfPairwiseDifferences() {
    // Differences b - a: {9,8,7, 19,18,17, 29,28,27}: median 18.
    Shift s = Shift.between(new double[] {1, 2, 3}, new double[] {10, 20, 30});
    assertThat(s.estimate()).isEqualTo(18);
    // 3 against 3: the widest interval [D(1), D(9)] covers 1 - 2/20 = 90 %, below 95 %.
    assertThat(s.low()).isEqualTo(7);
    assertThat(s.high()).isEqualTo(29);
    assertThat(s.coverage()).isCloseTo(0.9, within(1e-12));
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.m()).isEqualTo(3);
  }

  @Test
  void theNarrowestCoveringIntervalIsTheOneTheWalkFromOneFinds() {
    // Shift picks k by binary search; it must be the k that walking up from 1 while the next k
    // still covers the confidence finds, for exact (n * m <= 10,000) and normal distributions, and
    // for samples too small to reach the confidence (k = 1).
    int[][] sizes = {{1, 1}, {2, 3}, {3, 3}, {5, 8}, {10, 10}, {17, 40}, {100, 100}, {100, 101}, {300, 300}, {30, 900}};
    for (int[] nm : sizes) {
      RankSumDistribution u = RankSumDistribution.of(nm[0], nm[1]);
      int last = (nm[0] * nm[1] + 1) / 2;
      for (double confidence : new double[] {0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
        int walked = 1;
        while (walked + 1 <= last && Math.max(0, 1 - 2 * u.cumulative(walked)) >= confidence) {
          walked++;
        }
        assertThat(Shift.narrowestCovering(u, last, confidence)).as("%d x %d at %s", nm[0], nm[1], confidence).isEqualTo(walked);
      }
    }
  }

  @Test
  void identicalShapesShiftedByAConstantGiveThatConstant() {
    double[] a = {10, 12, 15, 11, 13, 14, 16, 9};
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] + 5;
    }
    Shift s = Shift.between(a, b);
    assertThat(s.estimate()).isEqualTo(5);
    assertThat(s.low()).isLessThan(5);
    assertThat(s.high()).isGreaterThan(5);
    assertThat(s.coverage()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void exactUDistributionMatchesCountsAndCommonsStatistics() {
    // n = m = 2: U in 0..4 with counts 1, 1, 2, 1, 1 out of 6.
    RankSumDistribution two = new RankSumDistribution(2, 2);
    assertThat(two.cumulative(0)).isCloseTo(1 / 6.0, within(1e-12));
    assertThat(two.cumulative(1)).isCloseTo(2 / 6.0, within(1e-12));
    assertThat(two.cumulative(2)).isCloseTo(4 / 6.0, within(1e-12));
    assertThat(two.cumulative(4)).isEqualTo(1);
    // Two-sided exact p-values computed from our distribution agree with commons' exact test.
    SplittableRandom random = new SplittableRandom(7);
    MannWhitneyUTest exact = MannWhitneyUTest.withDefaults().with(PValueMethod.EXACT);
    for (int t = 0; t < 200; t++) {
      int n = 1 + random.nextInt(12);
      int m = 1 + random.nextInt(12);
      double[] x = Distribution.NORMAL.sample(random, n);
      double[] y = Distribution.NORMAL.sample(random, m);
      int u = 0;
      for (double xi : x) {
        for (double yj : y) {
          u += xi > yj ? 1 : 0;
        }
      }
      RankSumDistribution d = new RankSumDistribution(n, m);
      double lower = d.cumulative(u);
      double upper = 1 - d.cumulative(u - 1);
      double ours = Math.min(1, 2 * Math.min(lower, upper));
      assertThat(ours)
          .as("n=%d m=%d u=%d", n, m, u)
          .isCloseTo(exact.test(x, y).getPValue(), within(1e-9));
    }
  }

  @Test
  void normalApproximationIsCloseToTheExactDistributionAtTheLimit() {
    RankSumDistribution exact = new RankSumDistribution(100, 100);
    assertThat(exact.exact()).isTrue();
    assertThat(new RankSumDistribution(101, 100).exact()).isFalse();
    double sd = Math.sqrt(100 * 100 * 201 / 12.0);
    int u = (int) Math.round(5000 - 1.96 * sd);
    double approx =
        org.apache.commons.statistics.distribution.NormalDistribution.of(5000, sd)
            .cumulativeProbability(u + 0.5);
    assertThat(exact.cumulative(u)).isCloseTo(approx, within(0.002));
  }

  /** Seeded trials: b is a drawn from the same distribution plus a known shift. */
  @ParameterizedTest
  @CsvSource({
    "NORMAL, 10, 10, 2000",
    "NORMAL, 30, 30, 2000",
    "LOGNORMAL, 8, 15, 2000",
    "EXPONENTIAL, 30, 30, 2000",
    "EXPONENTIAL, 120, 110, 1000"
  })
  void mosesIntervalCoversTheTrueShiftAbout95Percent(Distribution d, int n, int m, int trials) {
    SplittableRandom random = new SplittableRandom(99L * n + m + d.ordinal());
    double trueShift = 7.5;
    int covered = 0;
    double reported = 0;
    for (int t = 0; t < trials; t++) {
      double[] a = d.sample(random, n);
      double[] b = d.sample(random, m);
      for (int j = 0; j < m; j++) {
        b[j] += trueShift;
      }
      Shift s = Shift.between(a, b);
      if (s.low() <= trueShift && trueShift <= s.high()) {
        covered++;
      }
      assertThat(s.coverage()).isGreaterThanOrEqualTo(0.95);
      reported = s.coverage();
    }
    double fraction = covered / (double) trials;
    double standardError = Math.sqrt(reported * (1 - reported) / trials);
    System.out.printf(
        "Moses %s n=%d m=%d: covered %.4f, reported %.4f%n", d, n, m, fraction, reported);
    assertThat(fraction).isBetween(0.93, 0.985);
    assertThat(fraction).isCloseTo(reported, within(4 * standardError + 0.005));
  }

  @ParameterizedTest
  @CsvSource({"NORMAL, 10", "NORMAL, 30", "LOGNORMAL, 30", "EXPONENTIAL, 12"})
  void mannWhitneyPValuesAreUniformUnderNoDifference(Distribution d, int n) {
    SplittableRandom random = new SplittableRandom(1234L + n + 17L * d.ordinal());
    int trials = 2000;
    int below5 = 0;
    int below50 = 0;
    for (int t = 0; t < trials; t++) {
      Shift s = Shift.between(d.sample(random, n), d.sample(random, n));
      below5 += s.pValue() < 0.05 ? 1 : 0;
      below50 += s.pValue() < 0.5 ? 1 : 0;
    }
    System.out.printf(
        "Mann-Whitney null %s n=%d: p<0.05 %.4f, p<0.5 %.4f%n",
        d, n, below5 / (double) trials, below50 / (double) trials);
    assertThat(below5 / (double) trials).isBetween(0.03, 0.07);
    assertThat(below50 / (double) trials).isBetween(0.45, 0.55);
  }

  @Test
  void mannWhitneyDetectsARealShift() {
    // One standard deviation apart with 30 runs each: power about 0.96 for a t-test.
    SplittableRandom random = new SplittableRandom(5);
    int trials = 500;
    int detected = 0;
    for (int t = 0; t < trials; t++) {
      double[] a = Distribution.NORMAL.sample(random, 30);
      double[] b = Distribution.NORMAL.sample(random, 30);
      for (int j = 0; j < b.length; j++) {
        b[j] += 15;
      }
      Shift s = Shift.between(a, b);
      if (s.pValue() < 0.05) {
        detected++;
        assertThat(s.estimate()).isPositive();
      }
    }
    System.out.printf("Mann-Whitney power, 1 sd, 30 vs 30: %.4f%n", detected / (double) trials);
    assertThat(detected / (double) trials).isGreaterThan(0.85);
  }
}
