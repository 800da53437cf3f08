package dev.coldstart.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict from the evidence, a pure function (the order of the rules is the order of the
 * checks below):
 *
 * <ol>
 *   <li>{@code unsafe}: a deferred name was used while its importer's body still ran (the deferral
 *       cannot hold as written), or the exit status, standard output or standard error differ, or
 *       a test of the project's own ({@code --test}) passes unchanged and fails deferred;
 *   <li>{@code no-win}: the hook deferred nothing (the statement cannot be deferred), or every
 *       deferred module was loaded anyway during the run and the saving is not above zero;
 *   <li>{@code safe}: the saving's interval is above zero, the tests (if given) pass and no
 *       import-time side effect outside the standard library moves; with a saving but tests that
 *       cannot tell or side effects that move, {@code inconclusive};
 *   <li>{@code no-win}: the saving's interval is below the margin;
 *   <li>{@code inconclusive}: otherwise, with about how many more pairs would decide.
 * </ol>
 */
final class Judge {
  private Judge() {}

  static Verdict judge(Candidate c, List<Evidence> evidence, SequentialRule rule) {
    List<Evidence> facts = new ArrayList<>(evidence);
    for (Evidence e : facts) {
      if (e instanceof Evidence.UsedAtImport u && u.use().during()) {
        return new Verdict(c, Verdict.Kind.UNSAFE,
            "uses " + u.use().name() + " while " + u.use().importer() + " is still importing, at "
                + u.use().site().location() + (u.use().site().text().isEmpty() ? "" : ": " + u.use().site().text()),
            facts, 0);
      }
    }
    for (Evidence e : facts) {
      if (e instanceof Evidence.Behaviour b && !b.same()) {
        return new Verdict(c, Verdict.Kind.UNSAFE, "behaves differently: " + b.difference(), facts, 0);
      }
    }
    for (Evidence e : facts) {
      if (e instanceof Evidence.Tests t && t.comparison().breaks()) {
        TestComparison.BrokenTest first = t.comparison().broken().getFirst();
        int more = t.comparison().broken().size() - 1;
        return new Verdict(c, Verdict.Kind.UNSAFE, "breaks " + first.test()
            + (first.message().isEmpty() ? "" : ": " + first.message())
            + (more > 0 ? " (and " + more + " more test" + (more == 1 ? "" : "s") + ")" : ""), facts, 0);
      }
    }
    for (Evidence e : facts) {
      if (e instanceof Evidence.NotApplied n) {
        return new Verdict(c, Verdict.Kind.NO_WIN, "nothing deferred: " + n.why(), facts, 0);
      }
    }
    Evidence.Timing t = facts.stream().filter(Evidence.Timing.class::isInstance)
        .map(Evidence.Timing.class::cast).findFirst().orElse(null);
    boolean saves = t != null && t.saving().low() > 0;
    List<Evidence.LoadedAnyway> loaded = facts.stream().filter(Evidence.LoadedAnyway.class::isInstance)
        .map(Evidence.LoadedAnyway.class::cast).toList();
    boolean allLoaded = c.modules().stream().allMatch(m -> loaded.stream().anyMatch(l -> l.module().equals(m)));
    if (allLoaded && !saves) {
      Evidence.LoadedAnyway first = loaded.getFirst();
      HookReport.Site by = first.chain().isEmpty() ? null : first.chain().getLast();
      return new Verdict(c, Verdict.Kind.NO_WIN,
          first.module() + " is loaded anyway" + (by == null ? "" : ", by " + by.location()
              + (by.text().isEmpty() ? "" : ": " + by.text())),
          facts, 0);
    }
    if (t == null) {
      return new Verdict(c, Verdict.Kind.INCONCLUSIVE, "not timed", facts, 0);
    }
    return switch (rule.decide(t.saving())) {
      case SAVES -> saves(c, facts, "saves " + ms(t.saving().estimate()) + " ms ["
          + ms(t.saving().low()) + ", " + ms(t.saving().high()) + "]");
      case NO_WIN -> new Verdict(c, Verdict.Kind.NO_WIN, "saves under " + ms(rule.marginMs()) + " ms (at most "
          + ms(t.saving().high()) + ")", facts, 0);
      case CONTINUE -> {
        int more = rule.moreRuns(t.saving(), t.pairs());
        yield new Verdict(c, Verdict.Kind.INCONCLUSIVE, "saving " + ms(t.saving().estimate()) + " ms ["
            + ms(t.saving().low()) + ", " + ms(t.saving().high()) + "] after " + t.pairs()
            + " pairs: about " + more + " more would decide", facts, more);
      }
    };
  }

  /**
   * A saving is safe only if the tests (when given) pass and no side effect moves; otherwise it is
   * inconclusive (nothing failed, but nothing shows it cannot), with what stands in the way.
   */
  private static Verdict saves(Candidate c, List<Evidence> facts, String saving) {
    for (Evidence e : facts) {
      if (e instanceof Evidence.Tests t && !t.comparison().pass()) {
        return new Verdict(c, Verdict.Kind.INCONCLUSIVE, saving + ", but the tests cannot tell: "
            + t.comparison().inconclusive(), facts, 0);
      }
    }
    for (Evidence e : facts) {
      if (e instanceof Evidence.SideEffectsMove m && !m.moved().isEmpty()) {
        SideEffect first = m.moved().getFirst();
        int n = m.moved().size();
        return new Verdict(c, Verdict.Kind.INCONCLUSIVE, saving + ", but " + n + " import-time side effect"
            + (n == 1 ? " moves" : "s move") + " to the first use: " + first.detail() + " at " + first.where()
            + (n > 1 ? " ..." : ""), facts, 0);
      }
    }
    boolean tested = facts.stream().anyMatch(Evidence.Tests.class::isInstance);
    return new Verdict(c, Verdict.Kind.SAFE, saving + ", behaves the same" + (tested ? ", tests pass" : ""), facts, 0);
  }

  static String ms(double v) {
    return Math.abs(v) >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 10 ? String.format(java.util.Locale.ROOT, "%.1f", v)
        : String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
