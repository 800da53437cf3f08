package dev.coldstart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.stats.Shift;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict rules in their order, from evidence written out by hand. */
class JudgeTest {
  private static final SequentialRule RULE = SequentialRule.upTo(30, 1);
  private static final Candidate C =
      new Candidate("pkg:pkg.heavy", List.of(new Deferral.Rule("pkg", "pkg.heavy")), null, null, "--candidate");
  private static final Evidence SAME = new Evidence.Behaviour(true, null);
  private static final HookReport.Site USE = new HookReport.Site("/p/pkg/__init__.py", 2, "X = make()", "pkg");

  private static Evidence.Timing saving(double low, double est, double high) {
    return new Evidence.Timing(new Shift(est, low, high, 0.99, 0.01, 10, 10), 10, 100, true);
  }

  @Test
  void aUseDuringImportIsUnsafeBeforeAnythingElse() {
    Evidence used = new Evidence.UsedAtImport(new HookReport.Used("pkg", "pkg.heavy", "make", true, USE, USE));
    Verdict v = Judge.judge(C, List.of(used, SAME, saving(5, 10, 15)), RULE);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.UNSAFE);
    assertThat(v.reason()).isEqualTo("uses make while pkg is still importing, at /p/pkg/__init__.py:2: X = make()");
  }

  @Test
  void aUseAfterImportIsNotUnsafe() {
    Evidence used = new Evidence.UsedAtImport(new HookReport.Used("pkg", "pkg.heavy", "make", false, USE, USE));
    assertThat(Judge.judge(C, List.of(used, SAME, saving(5, 10, 15)), RULE).kind()).isEqualTo(Verdict.Kind.SAFE);
  }

  @Test
  void changedBehaviourIsUnsafe() {
    Verdict v = Judge.judge(C, List.of(new Evidence.Behaviour(false, "exit status 0 unchanged, 1 deferred")), RULE);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.UNSAFE);
    assertThat(v.reason()).isEqualTo("behaves differently: exit status 0 unchanged, 1 deferred");
  }

  @Test
  void loadedAnywayIsNoWinWithWhoLoadedItUnlessItStillSaves() {
    HookReport.Site by = new HookReport.Site("/p/app.py", 3, "import pkg.heavy", "app");
    Evidence loaded = new Evidence.LoadedAnyway("pkg.heavy", List.of(by));
    Verdict v = Judge.judge(C, List.of(loaded, SAME, saving(-2, 0, 2)), RULE);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NO_WIN);
    assertThat(v.reason()).isEqualTo("pkg.heavy is loaded anyway, by /p/app.py:3: import pkg.heavy");
    assertThat(Judge.judge(C, List.of(loaded, SAME, saving(3, 5, 7)), RULE).kind()).isEqualTo(Verdict.Kind.SAFE);
  }

  @Test
  void theIntervalDecidesSafeNoWinOrInconclusive() {
    assertThat(Judge.judge(C, List.of(SAME, saving(0.5, 3, 6)), RULE).kind()).isEqualTo(Verdict.Kind.SAFE);
    assertThat(Judge.judge(C, List.of(SAME, saving(-0.5, 0, 0.8)), RULE).kind()).isEqualTo(Verdict.Kind.NO_WIN);
    Verdict v = Judge.judge(C, List.of(SAME, saving(-3, 1, 5)), RULE);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.INCONCLUSIVE);
    assertThat(v.moreRuns()).isPositive();
    assertThat(v.reason()).contains("more would decide");
  }

  @Test
  void anIntervalShortOfTheRulesConfidenceDecidesNothing() {
    Evidence.Timing tiny = new Evidence.Timing(new Shift(30, 18, 62, 0.90, 0.1, 3, 3), 3, 100, false);
    assertThat(Judge.judge(C, List.of(SAME, tiny), SequentialRule.upTo(5, 1)).kind()).isEqualTo(Verdict.Kind.INCONCLUSIVE);
  }

  @Test
  void nothingDeferredIsNoWin() {
    Verdict v = Judge.judge(C, List.of(new Evidence.NotApplied("no statement ran"), SAME), RULE);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NO_WIN);
    assertThat(v.reason()).isEqualTo("nothing deferred: no statement ran");
  }
}
