package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.stats.Shift;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the project's tests and the moving side effects weigh in the verdict ({@link Judge}). */
class JudgeEvidenceTest {
  private static final Candidate PLUGIN =
      new Candidate("pkg:pkg.plugin", List.of(new Deferral.Rule("pkg", "pkg.plugin")), null, null, "--candidate");
  private static final SequentialRule RULE = SequentialRule.upTo(30, 1);
  private static final SideEffect REGISTERS =
      new SideEffect(SideEffect.Kind.REGISTRY, "pkg.registry.PLUGINS grew 0 -> 1", "pkg.plugin", "/p/pkg/plugin.py", 3, null, false);

  /** A clear saving of about 20 ms over 30 pairs, at the confidence the rule asks of a look: the timing alone says safe. */
  private static Evidence.Timing saving() {
    double[] unchanged = new double[30];
    double[] deferred = new double[30];
    for (int i = 0; i < 30; i++) {
      unchanged[i] = 100 + (i % 5);
      deferred[i] = 80 + (i % 5);
    }
    return new Evidence.Timing(Shift.between(deferred, unchanged, RULE.confidence()), 30, 102, false);
  }

  private static Verdict judge(Evidence... more) {
    List<Evidence> facts = new ArrayList<>(List.of(new Evidence.Behaviour(true, null)));
    facts.addAll(List.of(more));
    return Judge.judge(PLUGIN, facts, RULE);
  }

  @Test
  void aSavingAloneIsSafe() {
    assertThat(judge(saving()).kind()).isEqualTo(Verdict.Kind.SAFE);
  }

  @Test
  void aBrokenTestIsUnsafeWhateverTheSaving() {
    TestComparison broken = new TestComparison(TestRun.Runner.PYTEST,
        List.of(new TestComparison.BrokenTest("tests/test_r.py::test_count", "AssertionError: registered: []"),
            new TestComparison.BrokenTest("tests/test_r.py::test_other", "")),
        List.of(), List.of(), null);
    Verdict v = judge(new Evidence.Tests("pytest", broken), saving());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.UNSAFE);
    assertThat(v.reason()).isEqualTo("breaks tests/test_r.py::test_count: AssertionError: registered: [] (and 1 more test)");
  }

  @Test
  void flakyTestsAloneDoNotStandInTheWay() {
    TestComparison flaky = new TestComparison(TestRun.Runner.PYTEST, List.of(), List.of("tests/test_r.py::test_flaky"), List.of(), null);
    Verdict v = judge(new Evidence.Tests("pytest", flaky), saving());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.SAFE);
    assertThat(v.reason()).endsWith("behaves the same, tests pass");
  }

  @Test
  void aSavingWithTestsThatCannotTellIsInconclusive() {
    Verdict v = judge(new Evidence.Tests("make test",
        TestComparison.inconclusive(TestRun.Runner.EXIT_CODE, "the tests fail unchanged (exit 2), and the runner names no test")), saving());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.INCONCLUSIVE);
    assertThat(v.reason()).contains("but the tests cannot tell: the tests fail unchanged (exit 2)");
  }

  @Test
  void aSavingThatMovesASideEffectIsInconclusiveNamingItsLine() {
    Verdict v = judge(new Evidence.SideEffectsMove(List.of(REGISTERS), 2, null), saving());
    assertThat(v.kind()).isEqualTo(Verdict.Kind.INCONCLUSIVE);
    assertThat(v.reason()).endsWith("but 1 import-time side effect moves to the first use: pkg.registry.PLUGINS grew 0 -> 1 at /p/pkg/plugin.py:3");
  }

  @Test
  void onlyTheStandardLibrarysOwnEffectsMovingIsStillSafe() {
    assertThat(judge(new Evidence.SideEffectsMove(List.of(), 3, null), saving()).kind()).isEqualTo(Verdict.Kind.SAFE);
  }
}
