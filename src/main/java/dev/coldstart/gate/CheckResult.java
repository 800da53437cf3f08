package dev.coldstart.gate;

import dev.coldstart.explain.ImportChain;
import dev.coldstart.limits.LimitKill;
import dev.coldstart.limits.MeasuredUnder;
import java.util.List;

/**
 * One check of one entry, with what it measured and its {@link Status}. Renderers switch over the
 * permitted records; {@link #title()} names the check the same way in every format (it is the
 * JUnit test case name and the SARIF rule).
 */
public sealed interface CheckResult {
  String entry();

  Status status();

  /** A short name of the check within its entry, e.g. {@code forbid fastapi}. */
  String title();

  /** The SARIF rule id of this kind of check. */
  String ruleId();

  /** One line saying what was found, for every format; a timed check's names the limits it ran under. */
  String summary();

  /**
   * The limits the check was measured under. Deterministic checks (forbidden modules, module
   * counts) come from one unconstrained recorded run: which modules load does not depend on them.
   */
  default MeasuredUnder limits() {
    return MeasuredUnder.NOTHING;
  }

  /** "under cpu=10%, memory=128M: " before a timed summary, or nothing when there were no limits. */
  private static String under(MeasuredUnder limits) {
    return limits.asked().any() ? "under " + limits.describe() + ": " : "";
  }

  /**
   * A forbidden-module pattern: PASS when the entry loaded nothing matching it; FAIL with the
   * matching modules that are not submodules of another match, each with its first why-chain.
   */
  record Forbidden(String entry, String pattern, List<LoadedModule> loaded) implements CheckResult {
    public Forbidden {
      loaded = List.copyOf(loaded);
    }

    @Override
    public Status status() {
      return loaded.isEmpty() ? Status.PASS : Status.FAIL;
    }

    @Override
    public String title() {
      return "forbid " + pattern;
    }

    @Override
    public String ruleId() {
      return "coldstart/forbidden-module";
    }

    @Override
    public String summary() {
      if (loaded.isEmpty()) {
        return "nothing matching " + pattern + " is loaded";
      }
      LoadedModule first = loaded.get(0);
      int more = loaded.size() - 1 + loaded.stream().mapToInt(LoadedModule::submodules).sum();
      return "loads forbidden module " + first.module()
          + (more > 0 ? " (and " + more + " more matching " + pattern + ")" : "");
    }
  }

  /**
   * A loaded module that a pattern forbids.
   *
   * @param module its name
   * @param submodules how many of its submodules were loaded too (they also match)
   * @param chain the shortest chain of imports that loads it, each hop with file:line: statement
   */
  record LoadedModule(String module, int submodules, ImportChain chain) {}

  /**
   * {@code max-modules}: the modules the entry loads beyond a bare interpreter's, counted in one
   * recorded run (deterministic).
   */
  record ModuleCount(String entry, int count, int max, int bareCount) implements CheckResult {
    @Override
    public Status status() {
      return count > max ? Status.FAIL : Status.PASS;
    }

    @Override
    public String title() {
      return "max-modules";
    }

    @Override
    public String ruleId() {
      return "coldstart/max-modules";
    }

    @Override
    public String summary() {
      return "loads " + count + " modules beyond a bare interpreter's " + bareCount + " (limit " + max + ")";
    }
  }

  /**
   * {@code budget-ms}: wall time above a bare interpreter (Hodges-Lehmann shift with its interval).
   *
   * @param estimateMs the shift estimate
   * @param lowMs lower end of the interval
   * @param highMs upper end of the interval
   * @param coverage the interval's coverage
   * @param runs runs of each kind
   * @param limits the limits the runs ran under
   */
  record TimeBudget(
      String entry, double budgetMs, double estimateMs, double lowMs, double highMs, double coverage, int runs,
      Status status, MeasuredUnder limits) implements CheckResult {
    @Override
    public String title() {
      return "budget-ms";
    }

    @Override
    public String ruleId() {
      return "coldstart/budget-ms";
    }

    @Override
    public String summary() {
      String interval = under(limits) + String.format(java.util.Locale.ROOT,
          "%.1f ms above a bare interpreter (%.0f%% interval %.1f to %.1f ms)", estimateMs, coverage * 100, lowMs, highMs);
      return switch (status) {
        case PASS -> interval + ", within the budget of " + Format.ms(budgetMs);
        case FAIL -> interval + ", over the budget of " + Format.ms(budgetMs);
        case INCONCLUSIVE -> interval + ": the interval straddles the budget of " + Format.ms(budgetMs)
            + "; inconclusive (more runs or a quieter machine would tell)";
      };
    }
  }

  /**
   * A regression against a reference: the shift of the entry's import time from base to head.
   *
   * @param reference what was compared against, e.g. {@code git main (3f2a1c0)} or a baseline file
   * @param measure what was compared: "CPU time" (--against) or "import time" (a baseline)
   * @param baseMs the base's median import time
   * @param headMs the head's median import time
   * @param estimateMs shift estimate (positive: head is slower)
   * @param lowMs lower end of its interval
   * @param highMs upper end of its interval
   * @param coverage the interval's coverage (a lower bound for a baseline)
   * @param pValue two-sided Mann-Whitney p-value, NaN when there are no base runs (a baseline)
   * @param thresholdMs the smallest regression that fails: max(regression-ms, regression-percent of base)
   * @param runs runs of each side
   * @param limits the limits the head's runs ran under (and, for --against, the base's: one group for both)
   */
  record Regression(
      String entry, String reference, String measure, double baseMs, double headMs, double estimateMs, double lowMs, double highMs,
      double coverage, double pValue, double thresholdMs, int runs, Status status, MeasuredUnder limits)
      implements CheckResult {
    @Override
    public String title() {
      return "regression";
    }

    @Override
    public String ruleId() {
      return "coldstart/regression";
    }

    @Override
    public String summary() {
      String shift = under(limits) + String.format(java.util.Locale.ROOT,
          "%s %s -> %s, shift %+.1f ms (%.0f%% interval %+.1f to %+.1f ms%s) against %s",
          measure, Format.ms(baseMs), Format.ms(headMs), estimateMs, coverage * 100, lowMs, highMs,
          Double.isNaN(pValue) ? "" : String.format(java.util.Locale.ROOT, ", p = %.3g", pValue), reference);
      return switch (status) {
        case FAIL -> shift + ": a regression that may reach the threshold of " + Format.ms(thresholdMs);
        case PASS -> shift + (lowMs > 0 ? ": slower, but surely below the threshold of " : ": no regression of ")
            + Format.ms(thresholdMs) + (lowMs > 0 ? "" : " or more");
        case INCONCLUSIVE -> shift + ": not significant, but too noisy to rule out " + Format.ms(thresholdMs)
            + "; inconclusive";
      };
    }
  }

  /**
   * A timed check whose run the memory limit killed: the entry does not start under its limits,
   * which is a failure (not an inconclusive measurement), reported instead of the timed checks.
   *
   * @param side which runs were killed: "the entry", or for --against "the head" or "the base"
   * @param kill how far the killed run got
   * @param limits the limits it ran under
   */
  record KilledByLimit(String entry, String side, LimitKill kill, MeasuredUnder limits) implements CheckResult {
    @Override
    public Status status() {
      return Status.FAIL;
    }

    @Override
    public String title() {
      return "memory limit";
    }

    @Override
    public String ruleId() {
      return "coldstart/memory-limit";
    }

    @Override
    public String summary() {
      return under(limits) + side + " was " + kill.message() + "; it cannot start under these limits";
    }
  }

  /** Number formats shared by the summaries. */
  final class Format {
    private Format() {}

    static String ms(double ms) {
      return String.format(java.util.Locale.ROOT, ms >= 100 ? "%.0f ms" : "%.1f ms", ms);
    }
  }
}
