package dev.coldstart.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits a measurement was made under: what was asked for, what was in force, and why the
 * difference. A plain value (two {@link LimitSpec}s and a string) so that a report, a saved result
 * or a future results store keeps it beside the figure it qualifies, and a comparison can refuse
 * to mix figures measured under different limits ({@link #comparableWith}).
 *
 * @param asked the limits asked for (command line over configuration)
 * @param applied the limits that were in force; equal to {@code asked} unless {@code --limits
 *     best-effort} let some go
 * @param notApplied why some asked-for limits were not in force, or null when all were
 */
public record MeasuredUnder(LimitSpec asked, LimitSpec applied, String notApplied) {
  /** A measurement without limits. */
  public static final MeasuredUnder NOTHING = new MeasuredUnder(LimitSpec.NONE, LimitSpec.NONE, null);

  /** Whether every asked-for limit was in force. */
  public boolean complete() {
    return notApplied == null;
  }

  /** Whether two figures were measured under the same limits in force. */
  public boolean comparableWith(MeasuredUnder other) {
    return applied.equals(other.applied);
  }

  /**
   * How reports print it: "no limits", "cpu=10%, memory=128M", or, when some were not applied,
   * "cpu=10% asked but NOT applied (best effort); cold-cache applied".
   */
  public String describe() {
    if (!asked.any()) {
      return "no limits";
    }
    if (complete()) {
      return String.join(", ", applied.describe());
    }
    List<String> in = applied.describe();
    List<String> missing = new ArrayList<>(asked.describe());
    missing.removeAll(in);
    return String.join(", ", missing) + " asked but NOT applied (--limits best-effort)"
        + (in.isEmpty() ? "" : "; " + String.join(", ", in) + " applied");
  }
}
