package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.stats.Shift;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sequential rule: where it looks, the confidence of each look, and its overall error rate
 * checked by simulation (no saving at all must be called "saves" at most 5 % of the time however
 * many looks are made; a real saving is found).
 */
class SequentialRuleTest {
  @Test
  void looksAfterTenThenEveryFiveAtBonferroniConfidence() {
    SequentialRule r = SequentialRule.upTo(30, 1);
    assertThat(r.looks()).isEqualTo(5);
    assertThat(r.confidence()).isEqualTo(0.99, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(List.of(9, 10, 11, 15, 20, 25, 29, 30).stream().filter(r::isLook).toList()).containsExactly(10, 15, 20, 25, 30);
    SequentialRule small = SequentialRule.upTo(10, 1);
    assertThat(small.looks()).isEqualTo(1);
    assertThat(small.confidence()).isEqualTo(0.95, org.assertj.core.data.Offset.offset(1e-12));
  }

  private static SequentialRule.Outcome simulate(SequentialRule r, double trueSaving, SplittableRandom rnd) {
    double[] base = new double[r.max()];
    double[] head = new double[r.max()];
    for (int n = 1; n <= r.max(); n++) {
      base[n - 1] = 100 + 5 * rnd.nextGaussian();
      head[n - 1] = 100 - trueSaving + 5 * rnd.nextGaussian();
      if (r.isLook(n)) {
        Shift s = Shift.between(java.util.Arrays.copyOf(head, n), java.util.Arrays.copyOf(base, n), r.confidence());
        SequentialRule.Outcome o = r.decide(s);
        if (o != SequentialRule.Outcome.CONTINUE || n == r.max()) {
          return o;
        }
      }
    }
    throw new AssertionError();
  }

  @Test
  void noSavingIsCalledASavingAtMostFivePercentOfTheTime() {
    SequentialRule r = SequentialRule.upTo(30, 1);
    SplittableRandom rnd = new SplittableRandom(7);
    int saves = 0;
    int trials = 600;
    for (int i = 0; i < trials; i++) {
      if (simulate(r, 0, rnd) == SequentialRule.Outcome.SAVES) {
        saves++;
      }
    }
    assertThat(saves).isLessThanOrEqualTo((int) (0.05 * trials));
  }

  @Test
  void aClearSavingStopsAtTheFirstLook() {
    SequentialRule r = SequentialRule.upTo(30, 1);
    SplittableRandom rnd = new SplittableRandom(11);
    int saves = 0;
    for (int i = 0; i < 100; i++) {
      if (simulate(r, 20, rnd) == SequentialRule.Outcome.SAVES) {
        saves++;
      }
    }
    assertThat(saves).isEqualTo(100);
  }

  @Test
  void moreRunsGrowsWithTheSpreadAndShrinksWithTheEffect() {
    SequentialRule r = SequentialRule.upTo(30, 1);
    Shift wide = new Shift(2, -4, 8, 0.99, 0.3, 30, 30);
    Shift narrow = new Shift(2, -1, 5, 0.99, 0.3, 30, 30);
    assertThat(r.moreRuns(wide, 30)).isGreaterThan(r.moreRuns(narrow, 30));
    // half-width 6, centre 2: about 30 * (6/2)^2 = 270 pairs in all, 240 more.
    assertThat(r.moreRuns(wide, 30)).isEqualTo(240);
  }
}
