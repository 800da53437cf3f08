package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import dev.coldstart.stats.Rounds;
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
    String code = AbSampler.cpuArgs(new dev.coldstart.python.Target.Module("json"), false).get(1);
    assertThat(code).contains(AbSampler.CPU_LINE).contains(AbSampler.WALL_LINE).contains("perf_counter")
        .doesNotContain("sched_setaffinity");
    assertThat(AbSampler.cpuArgs(new dev.coldstart.python.Target.Module("json"), true).get(1))
        .startsWith(AbSampler.PIN);
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
  void roundsDuringWhichTheMachinesSpeedSwitchedAreLeftOutOfAStep() {
    // As measured on the benchmark machine: GOOD ~35 ms, BAD 5 % slower, and every run 43 % slower
    // while the other vCPU is busy. The commit is GOOD's code. Rounds 4-7 and 12-13 ran wholly in
    // the slow state (kept: their ratios are as good as any); in rounds 1, 9, 10 and 14 the state
    // switched between runs, each time leaving GOOD's or BAD's run in the other state.
    int n = 16;
    double[] good = new double[n];
    double[] bad = new double[n];
    double[] commit = new double[n];
    for (int i = 0; i < n; i++) {
      double wobble = 1 + ((i * 7) % 5 - 2) * 0.004;
      double state = (i >= 4 && i <= 7) || i == 12 || i == 13 ? 1.43 : 1;
      good[i] = 35 * state * wobble;
      bad[i] = 36.75 * state / wobble;
      commit[i] = 35 * state * (2 - wobble);
    }
    good[1] *= 1.43;
    good[9] *= 1.43;
    bad[10] /= 1.43;
    bad[14] *= 1.43;
    assertThat(Bisect.leftOut(new double[][] {good, commit, bad}, false)).containsExactly(
        false, true, false, false, false, false, false, false, false, true, true, false, false, false, true, false);
    boolean[] out = Bisect.leftOut(new double[][] {good, commit, bad}, false);
    var kept = Bisect.sideOfMidpoint(Rounds.kept(good, out), Rounds.kept(commit, out), Rounds.kept(bad, out));
    assertThat(kept.high()).isLessThan(0);
    // With those four rounds kept the interval is several times wider.
    var all = Bisect.sideOfMidpoint(good, commit, bad);
    assertThat(all.high() - all.low()).isGreaterThan(3 * (kept.high() - kept.low()));
  }

  @Test
  void steadyRoundsAreAllKept() {
    double[] a = {35.1, 35.4, 34.9, 35.0, 35.3, 35.2, 34.8, 35.6};
    double[] b = {50.1, 50.6, 49.9, 50.0, 50.4, 50.2, 49.8, 50.9};
    assertThat(Bisect.leftOut(new double[][] {a, a, a}, false)).containsOnly(false);
    // A whole round in the other state is steady too: every side moved alike.
    double[] mixed = a.clone();
    mixed[3] = b[3];
    assertThat(Bisect.leftOut(new double[][] {mixed, mixed, mixed}, false)).containsOnly(false);
  }

  @Test
  void roundsAcrossTwoStatesAreLeftOutHoweverManyAndAVerdictWaitsForEnoughKept() {
    // Runs at about 35 or about 50 ms at random: rounds 0, 2 and 5 met both states.
    double[] a = {35.0, 35.2, 50.1, 35.1, 34.9, 35.0, 35.3, 50.2, 35.1, 35.0};
    double[] b = {50.4, 36.9, 36.8, 36.7, 36.6, 52.4, 36.9, 52.5, 36.8, 36.7};
    boolean[] out = Bisect.leftOut(new double[][] {a, b}, false);
    assertThat(out).containsExactly(true, false, true, false, false, true, false, false, false, false);
    // Seven kept: not yet enough to decide on, unless the cap is reached.
    assertThat(Bisect.decidable(out, false)).isFalse();
    assertThat(Bisect.decidable(out, true)).isTrue();
    // At the cap with fewer than two rounds kept, the verdict takes them all.
    double[] c = {35.0, 50.2, 35.1, 50.3, 35.2, 50.1, 35.0, 50.4, 35.3, 50.2};
    double[] d = {50.1, 35.2, 50.3, 35.1, 50.2, 35.3, 50.4, 35.0, 50.1, 35.2};
    assertThat(Bisect.leftOut(new double[][] {c, d}, false)).containsOnly(true);
    assertThat(Bisect.leftOut(new double[][] {c, d}, true)).containsOnly(false);
  }

  @Test
  void stepsDecidedAtTheCapAreNamedInANote() {
    var clear = step("a".repeat(40), BisectReport.Verdict.BAD, true);
    var range = step("b".repeat(40), BisectReport.Verdict.SLOWER, false);
    assertThat(Bisect.unclearNote(java.util.List.of(range, clear), 100)).isNull();
    var unclear = step("c".repeat(40), BisectReport.Verdict.GOOD, false);
    assertThat(Bisect.unclearNote(java.util.List.of(range, clear, unclear), 100))
        .isEqualTo("step cccccccccc reached --max-runs (100) without a clear verdict, and the estimate decided: if the"
            + " culprit looks wrong, bisect again with --max-runs 200 or at a quieter moment");
    var other = step("d".repeat(40), BisectReport.Verdict.BAD, false);
    assertThat(Bisect.unclearNote(java.util.List.of(unclear, other), 40)).startsWith("2 steps (cccccccccc, dddddddddd) reached --max-runs (40)");
  }

  private static BisectReport.Step step(String hash, BisectReport.Verdict v, boolean clear) {
    return new BisectReport.Step(1, new BisectReport.Commit(hash, "s", false), 1, v, clear, null, 10, 1.0, null,
        BisectReport.StoreUse.NONE, null);
  }

  @Test
  void aCommitMeasuredFarBeyondBadIsMeasuredAgain() {
    double[] good = {35.0, 35.2, 34.9, 35.1, 35.3, 34.8, 35.0, 35.2};
    double[] bad = {36.8, 36.9, 36.6, 36.7, 37.0, 36.5, 36.8, 36.9};
    double[] slowState = {50.1, 50.3, 49.8, 50.0, 50.4, 49.9, 50.2, 50.1};
    double[] likeBad = bad.clone();
    double[] likeGood = good.clone();
    double[] farBelow = {30.0, 30.2, 29.9, 30.1, 30.3, 29.8, 30.0, 30.2};
    assertThat(Bisect.beyondTheSpan(Bisect.sideOfMidpoint(good, slowState, bad).median(), good, bad)).isTrue();
    assertThat(Bisect.beyondTheSpan(Bisect.sideOfMidpoint(good, farBelow, bad).median(), good, bad)).isTrue();
    assertThat(Bisect.beyondTheSpan(Bisect.sideOfMidpoint(good, likeBad, bad).median(), good, bad)).isFalse();
    assertThat(Bisect.beyondTheSpan(Bisect.sideOfMidpoint(good, likeGood, bad).median(), good, bad)).isFalse();
    // No slowdown between GOOD and BAD in these rounds: no span to be beyond.
    assertThat(Bisect.beyondTheSpan(0.3, good, good)).isFalse();
  }
}
