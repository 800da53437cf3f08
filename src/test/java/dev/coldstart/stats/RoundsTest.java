package dev.coldstart.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RoundsTest {
  @Test
  void aRatioShiftIsInTheFirstSidesUnitAtItsMedian() {
    // b is a 5 % slower than a in every round, in either machine state (40 ms or 57 ms).
    Random r = new Random(7);
    int n = 30;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      double state = i % 3 == 0 ? 1.43 : 1;
      a[i] = 40 * state * (1 + 0.01 * r.nextGaussian());
      b[i] = 42 * state * (1 + 0.01 * r.nextGaussian());
    }
    Shift s = Rounds.ratioShift(a, b, 0.95);
    double medianA = Samples.median(Samples.sorted(a, "a"));
    assertThat(s.estimate()).isCloseTo(medianA * 0.05, within(0.3));
    assertThat(s.low()).isGreaterThan(0).isLessThan(s.estimate());
    assertThat(s.high()).isGreaterThan(s.estimate());
    assertThat(s.pValue()).isLessThan(1e-6);
    assertThat(s.n()).isEqualTo(n);
    assertThat(s.coverage()).isGreaterThanOrEqualTo(0.95);
    // The same rounds as differences in ms: the state doubles their spread, ratios do not see it.
    double[] d = new double[n];
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = b[i] - a[i];
      q[i] = Math.log(b[i] / a[i]) * medianA;
    }
    Estimate inMs = Center.of(d, 0.95);
    Estimate inRatios = Center.of(q, 0.95);
    assertThat(inRatios.high() - inRatios.low()).isLessThan(inMs.high() - inMs.low());
  }

  @Test
  void equalSidesHaveNoShiftAndPOne() {
    double[] a = {10, 11, 12, 13, 14, 15, 16, 17};
    Shift s = Rounds.ratioShift(a, a, 0.95);
    assertThat(s.estimate()).isZero();
    assertThat(s.pValue()).isEqualTo(1);
  }

  @Test
  void aRunOffFromItsRoundInEitherDirectionMakesTheRoundUnsteady() {
    double[] a = {35.0, 35.2, 34.9, 50.1, 35.1, 35.0, 34.8, 35.3, 35.1, 35.0};
    double[] b = {36.8, 36.9, 36.6, 52.4, 36.7, 52.6, 36.5, 36.9, 25.0, 36.7};
    // Round 3: both slow (steady). Round 5: b slow among fast. Round 8: b fast among slow would be
    // the same picture from the other state; here 25 ms against a usual 36.7.
    assertThat(Rounds.unsteady(4, a, b)).containsExactly(false, false, false, false, false, true, false, false, true, false);
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> Rounds.unsteady(4, new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rounds.unsteady(4, new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rounds.ratioShift(new double[] {1, 0}, new double[] {1, 2}, 0.95))
        .hasMessageContaining("above zero");
    assertThatThrownBy(() -> Rounds.kept(new double[] {1}, new boolean[2])).isInstanceOf(IllegalArgumentException.class);
  }
}
