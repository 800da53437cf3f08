package dev.coldstart.gate;

/**
 * The decision rules, as pure functions of an interval (documented in docs/check.md).
 *
 * <p>Budgets: the budget is a limit on the true time, so a check fails only when the whole
 * interval is above it (the lower bound exceeds it), passes when the whole interval is within it,
 * and is inconclusive otherwise: a noisy measurement must not fail a build, nor pass one silently.
 *
 * <p>Regressions: the threshold is the smallest slowdown worth failing a build for. A check fails
 * when the slowdown is significant (the interval excludes zero, and the p-value is below 5 % when
 * there is one) and the interval reaches the threshold, i.e. coldstart cannot vouch that the
 * slowdown is smaller than the threshold. Significant slowdowns whose whole interval is below the
 * threshold pass; so do changes that are not significant with an interval below the threshold.
 * Not significant with an interval reaching the threshold is inconclusive. This is why a planted
 * regression exactly at the threshold is flagged nearly always (the upper bound covers the true
 * shift with 95 %) while an unchanged tree is flagged only when chance makes it significant and
 * reach the threshold at once.
 */
public final class Verdicts {
  static final double ALPHA = 0.05;

  private Verdicts() {}

  public static Status budget(double low, double high, double budget) {
    if (low > budget) {
      return Status.FAIL;
    }
    return high <= budget ? Status.PASS : Status.INCONCLUSIVE;
  }

  /** See the class comment; {@code pValue} is NaN when unknown. */
  public static Status regression(double low, double high, double pValue, double threshold) {
    boolean significant = low > 0 && (Double.isNaN(pValue) || pValue < ALPHA);
    if (high < threshold) {
      return Status.PASS;
    }
    return significant ? Status.FAIL : Status.INCONCLUSIVE;
  }
}
