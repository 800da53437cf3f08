package dev.coldstart.gate;

import dev.coldstart.gate.BisectReport.Step;
import dev.coldstart.gate.BisectReport.StoreUse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What bisect takes from recorded results ({@link KnownResults}; docs/history.md#recorded-results),
 * for one bisect over one commit line (position 0 is GOOD, the last is BAD):
 *
 * <ul>
 *   <li>timed: the hint, a change point of the recorded series inside the range. {@link #next}
 *       offers the hinted commit first, then its parent while the hint holds (the hinted commit is
 *       bad): when the parent is good the culprit is found in two steps; else halving goes on
 *       from the narrowed range. Both are measured like any step, against GOOD, interleaved.
 *   <li>--forbid: recorded module sets. {@link #next} offers the recorded commit nearest the
 *       middle of the undecided range (it costs no run), and {@link #answer} is its module set.
 * </ul>
 */
final class StoreGuide {
  private final int hinted;
  private final Map<Integer, KnownResults.Modules> recorded;
  private boolean parentTried;

  StoreGuide(int hinted, Map<Integer, KnownResults.Modules> recorded) {
    this.hinted = hinted;
    this.recorded = recorded;
  }

  /** What bisect runs, as recordings name it: bisect runs under no limits. */
  static KnownResults.Run run(Bisect.Request req) {
    return new KnownResults.Run(req.target().describe(), req.python().implementation(), req.python().version(),
        req.python().executable().toString(), "");
  }

  /**
   * The guide of a timed bisect over {@code line} (full hashes), with a note when the store has a
   * hint. Recorded timings only order the steps: they were taken at other times, under other
   * load, and never join a step's interleaved comparison.
   */
  static StoreGuide timed(Bisect.Request req, List<String> line, List<String> notes) {
    Optional<KnownResults.Hint> h = req.known().slowdown(line, run(req));
    if (h.isEmpty()) {
      return new StoreGuide(-1, Map.of());
    }
    int at = line.indexOf(h.get().commit());
    String hint = line.get(at).substring(0, 10);
    notes.add(String.format(Locale.ROOT,
        "store hint: the %d recordings of this range in the results store change between %s and %s"
            + " (import time %.2f -> %.2f ms, recorded at other times): %s measured first, then its parent;"
            + " each still against GOOD, interleaved",
        h.get().recordings(), h.get().previous().substring(0, 10), hint, h.get().beforeMs(), h.get().afterMs(), hint));
    return new StoreGuide(at, Map.of());
  }

  /**
   * The guide of a --forbid bisect: every recorded module set of the commits strictly between GOOD
   * and BAD. Cost: one indexed store query per commit of the line.
   */
  static StoreGuide forbid(Bisect.Request req, List<String> line) {
    Map<Integer, KnownResults.Modules> found = new HashMap<>();
    KnownResults.Run run = run(req);
    for (int i = 1; i < line.size() - 1; i++) {
      int at = i;
      req.known().modulesLoaded(line.get(i), run).ifPresent(m -> found.put(at, m));
    }
    return new StoreGuide(-1, found);
  }

  /** The position the store suggests measuring next in (lo, hi), or -1 (then halving chooses). */
  int next(int lo, int hi, Set<Integer> skipped) {
    if (hinted > lo && hinted < hi && !skipped.contains(hinted)) {
      return hinted;
    }
    if (hinted > 0 && hi == hinted && hinted - 1 > lo && !parentTried) {
      parentTried = true;
      return hinted - 1;
    }
    return nearest(lo, hi, recorded.keySet());
  }

  /** The recorded module set of {@code position}, or null: run it. */
  KnownResults.Modules answer(int position) {
    return recorded.get(position);
  }

  /** The position in (lo, hi) nearest its middle among {@code known} (the lower of two), or -1. */
  static int nearest(int lo, int hi, Set<Integer> known) {
    int best = -1;
    for (int k : known) {
      int d = Math.abs(2 * k - lo - hi);
      int bd = Math.abs(2 * best - lo - hi);
      if (k > lo && k < hi && (best < 0 || d < bd || d == bd && k < best)) {
        best = k;
      }
    }
    return best;
  }

  /** The note on the hint once the culprit is found (at {@code culprit}, after {@code steps} steps), if there was one. */
  void found(int culprit, String hintedHash, int steps, List<String> notes) {
    if (hinted > 0) {
      notes.add(hinted == culprit
          ? "the store's hint was right: found in " + (steps - 1) + " steps after the BAD-vs-GOOD check"
          : "the store's hint (" + hintedHash + ") was not the culprit; the measured steps decided");
    }
  }

  /** The note that says what the results store did in {@code steps}, or null without a store. */
  static String summary(KnownResults known, List<Step> steps, boolean forbid, BisectReport.Outcome outcome) {
    if (known.where() == null) {
      return null;
    }
    if (outcome == BisectReport.Outcome.NONE) {
      return "results store " + known.where() + ": not asked (there was nothing to bisect)";
    }
    long answered = steps.stream().filter(s -> s.store() == StoreUse.ANSWER).count();
    boolean hintUsed = steps.stream().anyMatch(s -> s.store() == StoreUse.HINT);
    return "results store " + known.where() + ": " + (answered > 0
        ? answered + " of the steps answered from recordings of the same target, interpreter and machine"
        : hintUsed ? "its recorded series chose the first steps"
        : "no recording of this target, interpreter and machine " + (forbid ? "answered a step" : "changes inside the range"));
  }

  /** The hinted position, or -1. */
  int hinted() {
    return hinted;
  }
}
