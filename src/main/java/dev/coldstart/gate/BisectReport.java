package dev.coldstart.gate;

import dev.coldstart.explain.ImportChain;
import dev.coldstart.stats.Shift;
import java.util.List;

/**
 * What {@code coldstart bisect} found, and every step it took to find it (docs/history.md#bisect).
 *
 * @param good the GOOD reference as given, and {@code goodCommit} the commit it names
 * @param bad the BAD reference as given, and {@code badCommit} the commit it names
 * @param commits the commits after GOOD up to BAD on BAD's first-parent line (BAD included)
 * @param target how the target reads ({@code import app.cli}, {@code -c ...})
 * @param python the interpreter's description
 * @param quantity what the timed steps compared; null for {@code --forbid}
 * @param thresholdMs the smallest slowdown worth chasing, in ms (from {@code --min-shift}); NaN for
 *     {@code --forbid}
 * @param forbid the module pattern of {@code --forbid}, or null for a timing bisect
 * @param outcome how it ended
 * @param culprit the first bad commit, or null
 * @param shiftVsGood the culprit's shift against GOOD (from the step that measured it), or null
 * @param candidates when skipped commits hide the answer: the commits it may be, oldest first
 * @param added modules the culprit loads that its parent did not, each with its chain
 * @param chain for {@code --forbid}: the chain that loads the module at the culprit
 * @param steps every measurement, in order
 * @param notes things the reader should know (uncommitted changes, skipped commits, a merge)
 */
public record BisectReport(
    String good,
    String goodCommit,
    String bad,
    String badCommit,
    int commits,
    String target,
    String python,
    Quantity quantity,
    double thresholdMs,
    String forbid,
    Outcome outcome,
    Commit culprit,
    Shift shiftVsGood,
    List<Commit> candidates,
    List<AddedModule> added,
    ImportChain chain,
    List<Step> steps,
    List<String> notes) {

  public BisectReport {
    candidates = List.copyOf(candidates);
    added = List.copyOf(added);
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
  }

  /** How a bisect ended. Exit codes in docs/cli.md. */
  public enum Outcome {
    /** The first bad commit is known (exit 0). */
    FOUND,
    /** BAD is not significantly slower than GOOD (or, with --forbid, the module question has no answer): exit 1. */
    NONE,
    /** Commits where the target failed hide which one it is: the candidates are listed (exit 3). */
    AMBIGUOUS,
    /** Ctrl-C: the steps so far (exit 130). */
    INTERRUPTED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A commit with its subject line; {@code merge} when it has more than one parent. */
  public record Commit(String hash, String subject, boolean merge) {
    public String shortHash() {
      return hash.substring(0, Math.min(10, hash.length()));
    }
  }

  /** What one step decided about its commit. */
  public enum Verdict {
    /** The range check: BAD is significantly slower than GOOD by at least the threshold. */
    SLOWER,
    /** The range check: it is not. */
    NOT_SLOWER,
    /** The commit has the slowdown (closer to BAD than to GOOD). */
    BAD,
    /** The commit does not have it. */
    GOOD,
    /** With --forbid: the target loads the module at this commit. */
    LOADS,
    /** With --forbid: it does not. */
    CLEAN,
    /** The target failed at this commit (or the project is not there); a neighbour is tried. */
    SKIP;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One measurement.
   *
   * @param number 1-based, in the order taken
   * @param commit the commit measured (against GOOD)
   * @param position its place on the line: 1 is the first commit after GOOD, {@code commits} is BAD
   * @param verdict what was decided
   * @param clear false when the per-step cap of runs was reached before the interval decided, and
   *     the estimate decided instead
   * @param shift the commit's shift against GOOD, or null (--forbid, skip)
   * @param runs measured pairs (the range check), rounds (a timed step) or recording runs (--forbid)
   * @param seconds elapsed time of the step
   * @param note why it was skipped, where its answer came from, or how many rounds were left out
   *     ({@code Rounds.unsteady}); or null
   * @param store whether the results store chose this commit or answered for it
   * @param times the step's runs round by round, or null (not timed: --forbid, skip, the store)
   */
  public record Step(
      int number, Commit commit, int position, Verdict verdict, boolean clear, Shift shift, int runs, double seconds,
      String note, StoreUse store, RoundTimes times) {}

  /**
   * A timed step's runs round by round, so that a verdict can be read run by run: which rounds
   * were left out, and whether one side met the machine's slow state round after round.
   *
   * @param sides the sides in the order of each round's values: {@code good} and {@code bad} in
   *     the BAD-vs-GOOD check; {@code good}, {@code commit} and {@code bad} in a step
   * @param ms per round, each side's time in ms (the warm-up round is not kept); round {@code i}
   *     ran the sides in the {@code i}-th of their orders, cycling ({@code AbSampler.rounds})
   * @param leftOut the rounds (0-based) left out of the verdict as unsteady
   * @param measuredAgain the rounds of a first measurement that was dropped and taken again
   *     ({@code Bisect.beyondTheSpan}), in the same shape; empty when there was none
   */
  public record RoundTimes(List<String> sides, double[][] ms, List<Integer> leftOut, double[][] measuredAgain) {}

  /** A step's part of the results store (docs/history.md#recorded-results). */
  public enum StoreUse {
    /** None: the commit was chosen by halving and measured. */
    NONE,
    /**
     * Measured (interleaved against GOOD, as every timed step) before halving, because the store's
     * recorded series changes at this commit, or it is the parent of that commit.
     */
    HINT,
    /** Not run: a recording of this commit in the store answered (--forbid). */
    ANSWER;

    /** As JSON writes it: null, "hint" or "answer". */
    public String word() {
      return this == NONE ? null : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A module the culprit loads and its parent did not.
   *
   * @param module the module (submodules of another added module are counted in {@code submodules})
   * @param submodules how many of its submodules were added with it
   * @param chain the first chain that loads it at the culprit, files relative to the repository
   */
  public record AddedModule(String module, int submodules, ImportChain chain) {}
}
