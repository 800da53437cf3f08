package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BisectTest {
  @Test
  void picksTheMiddleThenTheNearestUntriedNeighbour() {
    assertThat(Bisect.pick(0, 63, Set.of())).isEqualTo(31);
    assertThat(Bisect.pick(0, 63, Set.of(31))).isEqualTo(32);
    assertThat(Bisect.pick(0, 63, Set.of(31, 32))).isEqualTo(30);
    assertThat(Bisect.pick(3, 5, Set.of())).isEqualTo(4);
  }

  @Test
  void noCandidateWhenEveryCommitBetweenIsSkipped() {
    assertThat(Bisect.pick(3, 5, Set.of(4))).isEqualTo(-1);
    assertThat(Bisect.pick(3, 4, Set.of())).isEqualTo(-1);
  }

  @Test
  void theStoreHintIsMeasuredFirstThenItsParentWhileTheHintHolds() {
    StoreGuide confirmed = new StoreGuide(7, java.util.Map.of());
    assertThat(confirmed.next(0, 11, Set.of())).isEqualTo(7);
    assertThat(confirmed.next(0, 7, Set.of())).as("7 was bad: its parent").isEqualTo(6);
    assertThat(confirmed.next(0, 7, Set.of())).as("the parent only once").isEqualTo(-1);
    StoreGuide refuted = new StoreGuide(7, java.util.Map.of());
    assertThat(refuted.next(0, 11, Set.of())).isEqualTo(7);
    assertThat(refuted.next(7, 11, Set.of())).as("7 was good: halving goes on").isEqualTo(-1);
    StoreGuide atBad = new StoreGuide(11, java.util.Map.of());
    assertThat(atBad.next(0, 11, Set.of())).as("BAD is known bad: its parent").isEqualTo(10);
    assertThat(new StoreGuide(1, java.util.Map.of()).next(0, 11, Set.of(1))).as("skipped").isEqualTo(-1);
    assertThat(new StoreGuide(-1, java.util.Map.of()).next(0, 11, Set.of())).isEqualTo(-1);
  }

  @Test
  void aRecordedCommitNearestTheMiddleIsAskedFirst() {
    assertThat(StoreGuide.nearest(0, 7, Set.of(2, 4, 6))).isEqualTo(4);
    assertThat(StoreGuide.nearest(0, 8, Set.of(2, 6))).as("the lower of two").isEqualTo(2);
    assertThat(StoreGuide.nearest(4, 7, Set.of(2, 4, 7))).as("only inside the range").isEqualTo(-1);
    var modules = new KnownResults.Modules(Set.of("decimal"), "2026-12-01T00:00:00Z");
    StoreGuide g = new StoreGuide(-1, java.util.Map.of(4, modules));
    assertThat(g.next(0, 7, Set.of())).isEqualTo(4);
    assertThat(g.answer(4)).isEqualTo(modules);
    assertThat(g.answer(3)).isNull();
  }

  @Test
  void minShiftIsAPercentageOfGoodOrMilliseconds() {
    assertThat(Bisect.MinShift.parse("2%").ms(50)).isEqualTo(1.0);
    assertThat(Bisect.MinShift.parse("1.5ms").ms(50)).isEqualTo(1.5);
    assertThat(Bisect.MinShift.parse(" 3 ").ms(50)).isEqualTo(3.0);
    assertThatThrownBy(() -> Bisect.MinShift.parse("fast")).isInstanceOf(UserError.class).hasMessageContaining("--min-shift");
    assertThatThrownBy(() -> Bisect.MinShift.parse("-1%")).isInstanceOf(UserError.class);
  }

  @Test
  void theWrapperReportsCpuAndWallTime() {
    String code = AbSampler.cpuArgs(new dev.coldstart.python.Target.Module("json")).get(1);
    assertThat(code).contains(AbSampler.CPU_LINE).contains(AbSampler.WALL_LINE).contains("perf_counter");
  }

  @Test
  void aStepSidesWithWhicheverEndItsRoundsAreNearer() {
    // GOOD ~40 ms, BAD ~42 ms; the load moves all three sides together from round to round.
    double[] load = {0, 5, -3, 12, 1, 7, -2, 9, 3, 0, 15, -4};
    double[] good = new double[load.length];
    double[] bad = new double[load.length];
    double[] slow = new double[load.length];
    double[] fast = new double[load.length];
    for (int i = 0; i < load.length; i++) {
      double wobble = (i % 3 - 1) * 0.3;
      good[i] = 40 + load[i] + wobble;
      bad[i] = 42 + load[i] - wobble;
      slow[i] = 42 + load[i] + wobble / 2;
      fast[i] = 40 + load[i] - wobble / 2;
    }
    assertThat(Bisect.sideOfMidpoint(good, slow, bad).low()).isGreaterThan(0);
    assertThat(Bisect.sideOfMidpoint(good, fast, bad).high()).isLessThan(0);
  }

  @Test
  void roundsGoThroughEveryOrderOfTheSides() {
    var orders = AbSampler.permutations(3);
    assertThat(orders).hasSize(6);
    assertThat(orders.stream().map(java.util.Arrays::toString).distinct()).hasSize(6);
    assertThat(orders.stream().map(o -> o[0])).containsOnly(0, 1, 2);
    assertThat(AbSampler.permutations(2)).containsExactly(new int[] {0, 1}, new int[] {1, 0});
  }

  @Test
  void roundsHitByABurstAreLeftOutOfAStep() {
    // A commit without the slowdown (GOOD ~35 ms, BAD ~37 ms), and in 4 of 16 rounds one of the
    // commit's runs inflated by a burst of load (+15 ms): those rounds alone would put it nearer BAD.
    int n = 16;
    double[] good = new double[n];
    double[] bad = new double[n];
    double[] commit = new double[n];
    for (int i = 0; i < n; i++) {
      double wobble = ((i * 7) % 5 - 2) * 0.15;
      good[i] = 35 + wobble;
      bad[i] = 37 - wobble;
      commit[i] = 35 + wobble / 2 + (i % 4 == 1 ? 15 : 0);
    }
    assertThat(dev.coldstart.stats.Center.bursts(Bisect.BURST_SPREADS, good, commit, bad)).containsExactly(
        false, true, false, false, false, true, false, false, false, true, false, false, false, true, false, false);
    assertThat(Bisect.sideOfMidpoint(good, commit, bad).high()).isLessThan(0);
    // Without the bursts' rounds left out, the same data cannot decide.
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = commit[i] - (good[i] + bad[i]) / 2;
    }
    assertThat(dev.coldstart.stats.Center.of(x, Bisect.STEP_CONFIDENCE).high()).isGreaterThan(0);
  }

  @Test
  void steadyRunsHaveNoBursts() {
    double[] a = {35.1, 35.4, 34.9, 35.0, 35.3, 35.2, 34.8, 35.6};
    assertThat(dev.coldstart.stats.Center.bursts(Bisect.BURST_SPREADS, a, a, a)).containsOnly(false);
  }
}
