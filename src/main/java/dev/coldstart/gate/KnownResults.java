package dev.coldstart.gate;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Results already recorded (the results store, {@code dev.coldstart.store.RecordedResults}) that
 * bisect uses where they match its own runs: the same target, the same interpreter, this machine,
 * the same limits, a commit recorded without uncommitted changes. An implementation returns empty
 * for anything else.
 *
 * <p>Two uses, of different weight (docs/history.md#recorded-results):
 *
 * <ul>
 *   <li>Module sets answer a {@code --forbid} step outright: they are deterministic, so one
 *       recorded run is as good as a new one.
 *   <li>Recorded timings only choose which commit a timed bisect measures first. A timed step
 *       compares a commit with GOOD in interleaved runs taken in the same minutes; a figure
 *       recorded at another time, under other load, cannot join that comparison.
 * </ul>
 */
public interface KnownResults {
  /** Nothing recorded: every commit is measured, in plain halving order. */
  KnownResults NONE = new KnownResults() {};

  /**
   * The modules loaded at exit when {@code target} ran at {@code commit} with {@code python}, as
   * recorded, or empty.
   *
   * @param commit the full commit hash
   * @param run what was run, and how
   */
  default Optional<Modules> modulesLoaded(String commit, Run run) {
    return Optional.empty();
  }

  /**
   * Where the recorded series of {@code run} on this machine changes upwards between GOOD and BAD
   * (the change-point detection of {@code coldstart history}, over the recordings of the commits
   * of {@code line}), or empty.
   *
   * @param line GOOD, then the commits after it up to BAD on BAD's first-parent line (full hashes)
   */
  default Optional<Hint> slowdown(List<String> line, Run run) {
    return Optional.empty();
  }

  /** Where the results come from, as the report names it (credentials left out), or null. */
  default String where() {
    return null;
  }

  /**
   * What bisect runs: the target as {@code Target.describe()} writes it (a recording's entry), the
   * interpreter's implementation, version and executable, and the limits as a profile lists them
   * ("" for none).
   */
  record Run(String target, String implementation, String version, String executable, String limits) {}

  /**
   * A recorded module set.
   *
   * @param names every module in {@code sys.modules} when the target exited
   * @param recordedAt when it was recorded (ISO-8601)
   */
  record Modules(Set<String> names, String recordedAt) {
    public Modules {
      names = Set.copyOf(names);
    }
  }

  /**
   * A change point of the recorded series inside the range.
   *
   * @param commit the first commit recorded after the change (the hinted culprit)
   * @param previous the last commit recorded before it (the culprit is after it, up to {@code commit})
   * @param beforeMs the recorded import time before the change, ms (median of the runs)
   * @param afterMs after it
   * @param recordings how many recordings of the range the series holds
   */
  record Hint(String commit, String previous, double beforeMs, double afterMs, int recordings) {}
}
