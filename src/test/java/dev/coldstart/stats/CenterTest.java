package dev.coldstart.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CenterTest {
  /** The sorted Walsh averages of x. */
  private static double[] walsh(double[] x) {
    int n = x.length;
    double[] w = new double[n * (n + 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        w[k++] = (x[i] + x[j]) / 2;
      }
    }
    Arrays.sort(w);
    return w;
  }

  @Test
  void theIntervalEndsAreTheWalshAveragesTheSignedRankTablesGive() {
    // Signed-rank critical values (two-sided 5 %): n = 10: T <= 8, P = 0.0244; n = 20: T <= 52,
    // P = 0.0242. So the 95 % interval is [W(9), W(M-8)] and [W(53), W(M-52)].
    double[] x10 = {3.1, -0.4, 2.2, 5.0, 1.7, 0.3, 4.4, 2.9, -1.2, 1.1};
    Estimate e = Center.of(x10, 0.95);
    double[] w = walsh(x10);
    assertThat(e.low()).isEqualTo(w[8]);
    assertThat(e.high()).isEqualTo(w[w.length - 9]);
    assertThat(e.coverage()).isCloseTo(1 - 2 * 0.02441, within(0.0001));
    assertThat(e.median()).isEqualTo(w[27]); // M = 55, the 28th

    double[] x20 = new Random(7).doubles(20).toArray();
    Estimate f = Center.of(x20, 0.95);
    double[] v = walsh(x20);
    assertThat(f.low()).isEqualTo(v[52]);
    assertThat(f.high()).isEqualTo(v[v.length - 53]);
    assertThat(f.coverage()).isCloseTo(1 - 2 * 0.0242, within(0.0005));
  }

  @Test
  void tooFewValuesGiveMinToMaxWithTheCoverageTheyHave() {
    Estimate e = Center.of(new double[] {1, 2, 4}, 0.95);
    assertThat(e.low()).isEqualTo(1);
    assertThat(e.high()).isEqualTo(4);
    assertThat(e.coverage()).isCloseTo(1 - 2.0 / 8, within(1e-12));
    assertThat(e.reaches(0.95)).isFalse();
  }

  @Test
  void coversTheCentreOfSymmetricNoiseAsOftenAsItSays() {
    Random r = new Random(42);
    int covered = 0;
    int tries = 4000;
    for (int t = 0; t < tries; t++) {
      double[] x = new double[15];
      for (int i = 0; i < x.length; i++) {
        x[i] = 2.5 + (r.nextBoolean() ? 1 : -1) * -Math.log(1 - r.nextDouble()); // Laplace, centre 2.5
      }
      Estimate e = Center.of(x, 0.90);
      if (e.low() <= 2.5 && 2.5 <= e.high()) {
        covered++;
      }
    }
    // The exact coverage at n = 15 and 90 % is a little above 0.90; 4,000 tries: SE 0.005.
    assertThat(covered / (double) tries).isBetween(0.88, 0.93);
  }

  @Test
  void rejectsWhatIsNotASample() {
    assertThatThrownBy(() -> Center.of(new double[0], 0.95)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Center.of(new double[] {1, Double.NaN}, 0.95)).isInstanceOf(IllegalArgumentException.class);
  }
}
