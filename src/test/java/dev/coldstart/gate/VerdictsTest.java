package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictsTest {
  @Test
  void budgetFailsOnlyWhenTheWholeIntervalIsAbove() {
    assertThat(Verdicts.budget(51, 60, 50)).isEqualTo(Status.FAIL);
    assertThat(Verdicts.budget(40, 50, 50)).isEqualTo(Status.PASS);
    assertThat(Verdicts.budget(45, 55, 50)).isEqualTo(Status.INCONCLUSIVE);
    assertThat(Verdicts.budget(50, 55, 50)).isEqualTo(Status.INCONCLUSIVE);
  }

  @Test
  void regressionFailsWhenSignificantAndTheIntervalReachesTheThreshold() {
    assertThat(Verdicts.regression(3, 7, 0.001, 5)).isEqualTo(Status.FAIL);
    assertThat(Verdicts.regression(0.5, 4.9, 0.01, 5)).isEqualTo(Status.PASS); // slower, surely below
    assertThat(Verdicts.regression(-1, 4, 0.4, 5)).isEqualTo(Status.PASS);
    assertThat(Verdicts.regression(-3, 8, 0.6, 5)).isEqualTo(Status.INCONCLUSIVE);
    assertThat(Verdicts.regression(1, 8, 0.2, 5)).isEqualTo(Status.INCONCLUSIVE); // interval and test disagree
    assertThat(Verdicts.regression(1, 8, Double.NaN, 5)).isEqualTo(Status.FAIL);
    assertThat(Verdicts.regression(-8, -2, 0.001, 5)).isEqualTo(Status.PASS); // faster
  }
}
