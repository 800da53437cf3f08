package dev.coldstart.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EstimateTest {
  /** A continuous distribution with a known median, sampled from a seeded generator. */
  enum Distribution {
    NORMAL(r -> 100 + 15 * r.nextGaussian(), 100),
    LOGNORMAL(r -> 50 * Math.exp(0.5 * r.nextGaussian()), 50),
    EXPONENTIAL(r -> 20 * r.nextExponential(), 20 * Math.log(2));

    final ToDoubleFunction<SplittableRandom> draw;
    final double median;

    Distribution(ToDoubleFunction<SplittableRandom> draw, double median) {
      this.draw = draw;
      this.median = median;
    }

    double[] sample(SplittableRandom random, int n) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = draw.applyAsDouble(random);
      }
      return x;
    }
  }

  @Test
  void medianOfOddAndEvenSamples() {
    assertThat(Estimate.of(new double[] {3, 1, 2}).median()).isEqualTo(2);
    assertThat(Estimate.of(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
  }

  @Test
  void tenRunsGiveSecondAndNinthOrderStatistics() {
    // P(B <= 1) = 11/1024, so [x(2), x(9)] covers with 1 - 22/1024; [x(3), x(8)] only 1 - 112/1024.
    Estimate e = Estimate.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
    assertThat(e.low()).isEqualTo(2);
    assertThat(e.high()).isEqualTo(9);
    assertThat(e.coverage()).isCloseTo(1 - 22 / 1024.0, within(1e-12));
    assertThat(e.n()).isEqualTo(10);
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 0.5", "3, 0.75", "5, 0.9375", "6, 0.96875"})
  void smallSamplesGiveMinToMaxWithTheirTrueCoverage(int n, double coverage) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 10 + i;
    }
    Estimate e = Estimate.of(x);
    assertThat(e.low()).isEqualTo(10);
    assertThat(e.high()).isEqualTo(10 + n - 1);
    assertThat(e.coverage()).isCloseTo(coverage, within(1e-12));
    assertThat(e.reaches(0.95)).isEqualTo(n >= 6);
  }

  @Test
  void otherConfidenceLevels() {
    double[] x = new double[30];
    for (int i = 0; i < 30; i++) {
      x[i] = i;
    }
    Estimate e80 = Estimate.of(x, 0.80);
    Estimate e99 = Estimate.of(x, 0.99);
    assertThat(e80.coverage()).isGreaterThanOrEqualTo(0.80);
    assertThat(e99.coverage()).isGreaterThanOrEqualTo(0.99);
    assertThat(e80.high() - e80.low()).isLessThan(e99.high() - e99.low());
  }

  @Test
  void rejectsWhatIsNotASample() {
    assertThatThrownBy(() -> Estimate.of(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Estimate.of(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Estimate.of(new double[] {1}, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * 2000 seeded trials per case: the fraction of intervals covering the true median must be near
   * the reported coverage (within 4 standard errors) and within [0.93, 0.985].
   */
  @ParameterizedTest
  @CsvSource({
    "NORMAL, 10",
    "NORMAL, 30",
    "LOGNORMAL, 10",
    "LOGNORMAL, 30",
    "EXPONENTIAL, 10",
    "EXPONENTIAL, 30"
  })
  void intervalCoversTheTrueMedianAbout95PercentOfTrials(Distribution d, int n) {
    SplittableRandom random = new SplittableRandom(20240601L + n * 31L + d.ordinal());
    int trials = 2000;
    int covered = 0;
    double reported = Double.NaN;
    for (int t = 0; t < trials; t++) {
      Estimate e = Estimate.of(d.sample(random, n));
      if (e.low() <= d.median && d.median <= e.high()) {
        covered++;
      }
      assertThat(e.coverage()).isGreaterThanOrEqualTo(0.95);
      reported = e.coverage();
    }
    double fraction = covered / (double) trials;
    double standardError = Math.sqrt(reported * (1 - reported) / trials);
    System.out.printf("median %s n=%d: covered %.4f, reported %.4f%n", d, n, fraction, reported);
    assertThat(fraction).isBetween(0.93, 0.985);
    assertThat(fraction).isCloseTo(reported, within(4 * standardError));
  }
}
