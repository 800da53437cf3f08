package dev.coldstart.gate;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.explain.ImportChain;
import dev.coldstart.explain.ImportEdge;
import dev.coldstart.explain.ImportSite;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.gate.BisectReport.AddedModule;
import dev.coldstart.gate.BisectReport.Commit;
import dev.coldstart.gate.BisectReport.Outcome;
import dev.coldstart.gate.BisectReport.Step;
import dev.coldstart.gate.BisectReport.StoreUse;
import dev.coldstart.gate.BisectReport.Verdict;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import dev.coldstart.stats.Center;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Rounds;
import dev.coldstart.stats.Shift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code coldstart bisect GOOD BAD TARGET}: the first commit on BAD's first-parent line after GOOD
 * that made TARGET's start-up significantly slower, or (with {@code --forbid}) that made it load a
 * module. Every commit is measured in a temporary worktree ({@link GitWorktree}); the user's tree is
 * never touched, and uncommitted changes in it are not measured.
 *
 * <p>Timing (documented in docs/history.md#bisect):
 *
 * <ol>
 *   <li>Range check: BAD against GOOD, interleaved ({@link AbSampler}), in batches of {@code runs}
 *       pairs up to {@code maxRuns}. Per pair, the log of BAD's time over GOOD's, centred with a
 *       signed-rank interval ({@link Rounds#ratioShift}, 99 %: {@link #RANGE_CONFIDENCE}). SLOWER as
 *       soon as the interval is above 0 and the estimate reaches the threshold; NOT_SLOWER as soon
 *       as the whole interval is below the threshold. At the cap (twice a step's) a check still
 *       unclear counts as not slower.
 *   <li>Each step measures the middle commit of the undecided range in rounds of three runs:
 *       GOOD, the commit and BAD, the order going through all six permutations. Per round, the
 *       log of the commit's time minus the mean of the logs of GOOD's and BAD's is centred with a
 *       signed-rank interval ({@link #sideOfMidpoint}): BAD as soon as the interval is above zero,
 *       GOOD as soon as it is below (90 %, see {@link #STEP_CONFIDENCE}); at the cap the estimate
 *       decides and the step says it was not clear. The boundary is measured with the commit,
 *       round by round, because one taken from the range check minutes earlier carries that
 *       check's error into every step. Halving 63 commits takes 6 steps.
 *   <li>A step about to decide with its commit more than a whole span beyond BAD (or below GOOD)
 *       is measured again from the start, once ({@link #beyondTheSpan}).
 *   <li>In both, rounds whose runs did not all meet one state of the machine are left out
 *       ({@link #leftOut}, {@link Rounds#unsteady}), however many, and a verdict waits for
 *       {@link #MIN_KEPT} kept rounds; ratios rather than differences because a state scales a
 *       whole round (docs/history.md#bisect, docs/benchmarks.md).
 *   <li>A commit where the target fails (or the project directory is missing) is skipped, as git
 *       bisect does, and the nearest untried commit to the middle is measured instead; if only
 *       skipped commits remain between the last good and the first bad commit, they are listed.
 *   <li>Recorded results ({@link KnownResults}, chosen by {@link StoreGuide}): a change point of
 *       the store's series inside the range is measured first, then its parent while the hint
 *       holds (found in two steps when both agree; else halving goes on from the narrowed range).
 *       With --forbid, a recorded module set answers a step without running it.
 * </ol>
 *
 * <p>Cost: the range check runs the target {@code 2 * (pairs + 1)} times and each timed step
 * {@code 3 * (rounds + 1)} times (one warm-up round writes the bytecode); each step creates and
 * removes one worktree (a checkout of the project's files), BAD's stays for the whole search.
 *
 * <p>Over 500 lines: the timed search, the --forbid search and the culprit's added modules share
 * the commit line, the worktrees, the skip rule and the step list; split apart they would pass all
 * of that around.
 */
public final class Bisect {
  /** Receives progress; called on the measuring thread. */
  public interface Listener {
    void phase(String what);

    void progress(String what, int done, int total);
  }

  /**
   * What to bisect.
   *
   * @param python the interpreter every run uses
   * @param dir where the user is: its repository is bisected, and its place inside it is where each
   *     commit's runs start (with its {@code src} first on PYTHONPATH if it has one)
   * @param good a commit, branch or tag where start-up was fine
   * @param bad a later one where it is slow (GOOD must be its ancestor)
   * @param target what to run
   * @param quantity what the timed steps compare
   * @param runs measured pairs per batch
   * @param maxRuns the most pairs one step may take
   * @param minShift the smallest slowdown worth chasing
   * @param forbid a module pattern: find the first commit that loads it instead (no timing), or null
   * @param timeout for each run of the target
   * @param known recorded results: module sets that answer --forbid steps, a change point that
   *     orders the timed ones ({@link KnownResults#NONE}: none)
   */
  public record Request(
      Interpreter python,
      Path dir,
      String good,
      String bad,
      Target target,
      Quantity quantity,
      int runs,
      int maxRuns,
      MinShift minShift,
      String forbid,
      Duration timeout,
      KnownResults known) {}

  /** {@code --min-shift}: milliseconds, or a percentage of GOOD's median. */
  public record MinShift(double value, boolean percent) {
    /** Parses {@code 2%}, {@code 1.5ms} or {@code 1.5} (ms). */
    public static MinShift parse(String text) {
      String t = text.strip();
      boolean pct = t.endsWith("%");
      String number = pct ? t.substring(0, t.length() - 1) : t.endsWith("ms") ? t.substring(0, t.length() - 2) : t;
      double v;
      try {
        v = Double.parseDouble(number.strip());
      } catch (NumberFormatException e) {
        throw UserError.usage("--min-shift takes a percentage (2%) or milliseconds (1.5ms), not '" + text + "'");
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw UserError.usage("--min-shift must be zero or more, not '" + text + "'");
      }
      return new MinShift(v, pct);
    }

    double ms(double goodMedianMs) {
      return percent ? goodMedianMs * value / 100 : value;
    }

    @Override
    public String toString() {
      return percent ? value + "%" : value + " ms";
    }
  }

  private final Request req;
  private final Listener listener;
  private final List<Step> steps = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Path repo;
  private Path rel;
  private Path work;
  private Path userRoot;
  private Path goodDir;

  private Bisect(Request req, Listener listener) {
    this.req = req;
    this.listener = listener;
  }

  /**
   * Runs the bisect. Bad references and a GOOD that is not an ancestor of BAD are exit 2; a target
   * that fails at GOOD or BAD is exit 3; Ctrl-C ends with outcome INTERRUPTED and the steps so far.
   */
  public static BisectReport run(Request req, Listener listener) {
    return new Bisect(req, listener).run();
  }

  private BisectReport run() {
    Line line = resolve();
    try {
      work = Files.createTempDirectory("coldstart-bisect-");
    } catch (IOException e) {
      throw UserError.target("cannot create a temporary directory: " + e.getMessage());
    }
    try (GitWorktree goodWt = checkout(line.good().hash())) {
      goodDir = goodWt.dir();
      ProjectTree good = tree(goodWt);
      if (good == null) {
        throw UserError.usage("GOOD (" + req.good() + ") has no directory " + rel + " (the project did not exist there)");
      }
      return req.forbid() == null ? timed(line, good) : forbidden(line, good);
    } catch (UserError e) {
      if (e.exitCode() == ExitCode.INTERRUPTED) {
        return report(line, Outcome.INTERRUPTED, null, null, List.of(), List.of(), null, Double.NaN);
      }
      throw e;
    } finally {
      deleteTree(work);
    }
  }

  /** GOOD, then every commit after it on BAD's first-parent line, BAD last. */
  private record Line(Commit good, List<Commit> commits) {
    Commit bad() {
      return commits.getLast();
    }

    /** Position 0 is GOOD, 1.. the commits. */
    Commit at(int position) {
      return position == 0 ? good : commits.get(position - 1);
    }

    /** Every position's full hash, GOOD first. */
    List<String> hashes() {
      List<String> out = new ArrayList<>(List.of(good.hash()));
      commits.forEach(c -> out.add(c.hash()));
      return out;
    }
  }

  private Line resolve() {
    Path dir = req.dir().toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw UserError.usage("no such directory: " + dir);
    }
    String top;
    try {
      top = GitWorktree.git(dir, "rev-parse", "--show-toplevel").strip();
    } catch (UserError e) {
      top = "";
    }
    if (top.isEmpty()) {
      throw UserError.usage("bisect needs a git repository; " + dir + " is not in one");
    }
    try {
      repo = Path.of(top).toRealPath();
      userRoot = dir.toRealPath();
    } catch (IOException e) {
      throw UserError.target("cannot resolve " + dir + ": " + e.getMessage());
    }
    rel = repo.relativize(userRoot);
    String good = commitOf(req.good(), "GOOD");
    String bad = commitOf(req.bad(), "BAD");
    if (good.equals(bad)) {
      throw UserError.usage("GOOD and BAD are the same commit (" + good.substring(0, 10) + "): nothing to bisect");
    }
    try {
      GitWorktree.git(repo, "merge-base", "--is-ancestor", good, bad);
    } catch (UserError e) {
      if (e.exitCode() == ExitCode.INTERRUPTED) {
        throw e;
      }
      throw UserError.usage("GOOD (" + req.good() + ") is not an ancestor of BAD (" + req.bad()
          + "): bisect needs BAD to be a later commit of the same history");
    }
    List<Commit> commits = new ArrayList<>();
    String log = GitWorktree.git(repo, "log", "--first-parent", "--reverse", "--format=%H%x00%P%x00%s", good + ".." + bad);
    for (String row : log.split("\n")) {
      if (!row.isBlank()) {
        commits.add(commit(row));
      }
    }
    if (commits.isEmpty()) {
      throw UserError.usage("no commits between GOOD and BAD on BAD's first-parent line");
    }
    String status = GitWorktree.git(userRoot, "status", "--porcelain", "--untracked-files=no", ".");
    if (!status.isBlank()) {
      notes.add("the working tree has uncommitted changes: bisect measures commits only, so they are not measured");
    }
    Commit goodCommit = commit(GitWorktree.git(repo, "log", "-1", "--format=%H%x00%P%x00%s", good).strip());
    return new Line(goodCommit, List.copyOf(commits));
  }

  private static Commit commit(String row) {
    String[] f = row.split("\u0000", 3);
    return new Commit(f[0], f.length > 2 ? f[2] : "", f.length > 1 && f[1].strip().contains(" "));
  }

  private String commitOf(String ref, String role) {
    try {
      return GitWorktree.git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
    } catch (UserError e) {
      if (e.exitCode() == ExitCode.INTERRUPTED) {
        throw e;
      }
      throw UserError.usage(role + " " + ref + ": no such commit, branch or tag in " + repo);
    }
  }

  // ---- timing ---------------------------------------------------------------------------------

  private BisectReport timed(Line line, ProjectTree good) {
    int n = line.commits().size();
    listener.phase("is " + short7(line.bad()) + " (BAD) slower than " + short7(line.good()) + " (GOOD)?");
    // BAD's worktree stays for the whole search: every step measures BAD in the same rounds.
    try (GitWorktree wt = checkout(line.bad().hash())) {
      ProjectTree badTree = tree(wt);
      if (badTree == null) {
        throw UserError.usage("BAD (" + req.bad() + ") has no directory " + rel);
      }
      Measured range;
      try {
        range = measure(line, good, badTree, line.bad(), n, null, StoreUse.NONE);
      } catch (AbSampler.TargetFailed e) {
        throw UserError.target((e.side().equals("base") ? "the target fails at GOOD (" : "the target fails at BAD (")
            + req.good() + " / " + req.bad() + "): " + e.getMessage());
      }
      double threshold = range.threshold();
      if (range.step().verdict() == Verdict.NOT_SLOWER) {
        return report(line, Outcome.NONE, null, range.step().shift(), List.of(), List.of(), null, threshold);
      }
      Map<Integer, Shift> bad = new HashMap<>();
      bad.put(n, range.step().shift());
      int lo = 0;
      int hi = n;
      Set<Integer> skipped = new HashSet<>();
      StoreGuide guide = StoreGuide.timed(req, line.hashes(), notes);
      while (hi - lo > 1) {
        if (Thread.currentThread().isInterrupted()) {
          throw new UserError(ExitCode.INTERRUPTED, "interrupted");
        }
        int m = guide.next(lo, hi, skipped);
        StoreUse use = m < 0 ? StoreUse.NONE : StoreUse.HINT;
        if (m < 0) {
          m = pick(lo, hi, skipped);
        }
        if (m < 0) {
          return ambiguous(line, lo, hi, skipped, bad.get(hi), threshold);
        }
        Commit c = line.at(m);
        listener.phase("step " + (steps.size() + 1) + ": " + short7(c) + " (" + (hi - lo - 1) + " commits left"
            + (use == StoreUse.HINT ? ", the store's hint" : "") + ")");
        Verdict v = stepAt(line, good, badTree, c, m, bad, use);
        switch (v) {
          case BAD -> hi = m;
          case GOOD -> lo = m;
          default -> skipped.add(m);
        }
      }
      Commit culprit = line.at(hi);
      guide.found(hi, guide.hinted() > 0 ? line.at(guide.hinted()).shortHash() : null, steps.size(), notes);
      String unclear = unclearNote(steps, req.maxRuns());
      if (unclear != null) {
        notes.add(unclear);
      }
      List<AddedModule> added = addedModules(culprit);
      merge(culprit);
      return report(line, Outcome.FOUND, culprit, bad.get(hi), List.of(), added, null, threshold);
    }
  }

  private Verdict stepAt(
      Line line, ProjectTree good, ProjectTree badTree, Commit c, int m, Map<Integer, Shift> bad, StoreUse use) {
    long t0 = System.nanoTime();
    try (GitWorktree wt = checkout(c.hash())) {
      ProjectTree tree = tree(wt);
      if (tree == null) {
        return skip(c, m, t0, "the directory " + rel + " does not exist at this commit", use);
      }
      Measured r = measure(line, good, tree, c, m, badTree, use);
      if (r.step().verdict() == Verdict.BAD) {
        bad.put(m, r.step().shift());
      }
      return r.step().verdict();
    } catch (AbSampler.TargetFailed e) {
      if (e.side().equals("base")) {
        throw UserError.target("the target failed at GOOD this time: " + e.getMessage());
      }
      if (e.side().equals("bad")) {
        throw UserError.target("the target failed at BAD this time: " + e.getMessage());
      }
      return skip(c, m, t0, "the target fails here: " + lastLine(e.getMessage()), use);
    }
  }

  private Verdict skip(Commit c, int position, long t0, String why, StoreUse use) {
    steps.add(new Step(steps.size() + 1, c, position, Verdict.SKIP, true, null, 0, seconds(t0), why, use, null));
    notes.add("skipped " + c.shortHash() + ": " + why);
    return Verdict.SKIP;
  }

  /**
   * The interval of a bisect step: 90 %, not 95 %. A step's truth sits about half the range's
   * shift away from the midpoint of GOOD and BAD (below it without the slowdown, above with it),
   * so a wrong clear verdict needs an error of that half plus the interval's half-width, rarer
   * than the 5 % per side the confidence says; the narrower interval decides with about 1.4 times
   * fewer runs.
   */
  static final double STEP_CONFIDENCE = 0.90;

  /**
   * The interval of the BAD-vs-GOOD check: 99 %. The check looks after every batch of pairs, up
   * to eight times, and each look at 95 % would be another 5 % chance of calling a slowdown in a
   * history without one; a 5 % slowdown is still clear after the first batch or two.
   */
  static final double RANGE_CONFIDENCE = 0.99;

  /** A step's measurement; the range check's with its threshold. */
  private record Measured(Step step, double threshold) {}

  /**
   * Interleaved batches until the decision is clear or the cap is reached; see the class comment
   * for the rules. The range check ({@code badTree} null) runs GOOD and BAD in pairs; a step runs
   * GOOD, the commit and BAD in rounds.
   */
  private Measured measure(
      Line line, ProjectTree good, ProjectTree head, Commit c, int position, ProjectTree badTree, StoreUse use) {
    long t0 = System.nanoTime();
    boolean rangeCheck = badTree == null;
    Target goodTarget = good.rebase(absolute(req.target()), userRoot);
    Target headTarget = head.rebase(absolute(req.target()), userRoot);
    Path goodCache = work.resolve("pycache").resolve(line.good().hash());
    Path headCache = work.resolve("pycache").resolve(c.hash());
    List<AbSampler.Arm> arms = rangeCheck
        ? List.of(new AbSampler.Arm("base", goodTarget, good, goodCache), new AbSampler.Arm("head", headTarget, head, headCache))
        : List.of(new AbSampler.Arm("base", goodTarget, good, goodCache), new AbSampler.Arm("head", headTarget, head, headCache),
            new AbSampler.Arm("bad", badTree.rebase(absolute(req.target()), userRoot), badTree,
                work.resolve("pycache").resolve(line.bad().hash())));
    double[][] all = new double[arms.size()][0];
    double[][] first = new double[0][]; // the rounds of a first attempt measured again ({@link #beyondTheSpan})
    String label = rangeCheck ? "BAD vs GOOD" : "step " + (steps.size() + 1);
    // The range check decides whether there is anything to find and sets the threshold: it may
    // take twice the pairs of a step.
    int cap = rangeCheck ? 2 * req.maxRuns() : req.maxRuns();
    while (true) {
      int batch = Math.min(req.runs(), cap - all[0].length);
      int done = all[0].length;
      int sides = arms.size();
      double[][] r = AbSampler.rounds(req.python(), label, arms, batch, done == 0 ? 1 : 0, done, true, req.quantity(), req.timeout(),
          (e, d, t) -> listener.progress(e, done + d / sides, cap), RunHook.NONE);
      for (int k = 0; k < sides; k++) {
        all[k] = concat(all[k], r[k]);
      }
      boolean capped = all[0].length >= cap;
      boolean[] out = leftOut(all, capped);
      if (!decidable(out, capped)) {
        continue;
      }
      // Kept rounds only: the verdict's and the shift's; the step reports how many were run.
      double[] a = Rounds.kept(positive(all[0]), out);
      double[] b = Rounds.kept(positive(all[1]), out);
      int rounds = all[0].length;
      if (rangeCheck) {
        Shift shift = Rounds.ratioShift(a, b, RANGE_CONFIDENCE);
        double threshold = req.minShift().ms(Estimate.of(all[0]).median());
        boolean slower = shift.low() > 0 && shift.pValue() < 1 - RANGE_CONFIDENCE && shift.estimate() >= threshold;
        boolean notSlower = shift.high() < threshold;
        if (slower || notSlower || capped) {
          Step st = new Step(steps.size() + 1, c, position, slower ? Verdict.SLOWER : Verdict.NOT_SLOWER,
              slower || notSlower, shift, rounds, seconds(t0), leftOutNote(out), use,
              times(List.of("good", "bad"), all, out, first));
          steps.add(st);
          return new Measured(st, threshold);
        }
        continue;
      }
      double[] bd = Rounds.kept(positive(all[2]), out);
      Estimate side = sideOfMidpoint(a, b, bd);
      if (side.low() > 0 || side.high() < 0 || capped) {
        if (first.length == 0 && beyondTheSpan(side.median(), a, bd)) {
          first = byRound(all);
          all = new double[arms.size()][0];
          continue;
        }
        boolean isBad = side.low() > 0 || !(side.high() < 0) && side.median() > 0;
        String note = leftOutNote(out);
        if (first.length > 0) {
          String again = "measured again: the first " + first.length + " rounds put the commit beyond GOOD-to-BAD by more than that span";
          note = note == null ? again : again + "; " + note;
        }
        Step st = new Step(steps.size() + 1, c, position, isBad ? Verdict.BAD : Verdict.GOOD,
            side.low() > 0 || side.high() < 0, Rounds.ratioShift(a, b, STEP_CONFIDENCE), first.length + rounds, seconds(t0),
            note, use, times(List.of("good", "commit", "bad"), all, out, first));
        steps.add(st);
        return new Measured(st, Double.NaN);
      }
    }
  }

  /** A step's runs for the report: {@code all} is per side, the report's per round. */
  private static BisectReport.RoundTimes times(List<String> sides, double[][] all, boolean[] out, double[][] first) {
    List<Integer> left = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      if (out[i]) {
        left.add(i);
      }
    }
    return new BisectReport.RoundTimes(sides, byRound(all), List.copyOf(left), first);
  }

  /** Per side to per round: {@code out[i][k] = sides[k][i]}. */
  static double[][] byRound(double[][] sides) {
    int n = sides.length == 0 ? 0 : sides[0].length;
    double[][] out = new double[n][sides.length];
    for (int k = 0; k < sides.length; k++) {
      for (int i = 0; i < n; i++) {
        out[i][k] = sides[k][i];
      }
    }
    return out;
  }

  /**
   * Where a step's commit sits between GOOD and BAD, from the rounds kept: per round, the log of
   * the commit's time minus the mean of the logs of GOOD's and BAD's (the commit against the
   * geometric midpoint), centred with its {@link #STEP_CONFIDENCE} interval ({@link Center}).
   * Above zero: nearer BAD; below: nearer GOOD. Each value compares runs of the same minute, so a
   * load that changes between rounds cancels, and the boundary is measured with the commit rather
   * than taken from the range check minutes earlier. Logs, because the machine's speed scales all
   * of a round's runs alike ({@link Rounds}).
   */
  static Estimate sideOfMidpoint(double[] good, double[] commit, double[] bad) {
    double[] g = Rounds.logs(good);
    double[] c = Rounds.logs(commit);
    double[] b = Rounds.logs(bad);
    double[] x = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      x[i] = c[i] - (g[i] + b[i]) / 2;
    }
    return Center.of(x, STEP_CONFIDENCE);
  }

  /**
   * Whether a step's commit measured more than a whole span beyond BAD, or below GOOD (its
   * position, {@link #sideOfMidpoint}, beyond 1.5 times BAD's shift from GOOD in the same rounds).
   * Bisect assumes each commit is like GOOD or like BAD; such a measurement is more often a
   * disturbed one than a commit three times as slow as BAD. On the benchmark machine a commit once
   * measured +13.65 ms against GOOD where BAD was +1.31, and its clear verdict sent the search the
   * wrong way (docs/benchmarks.md; before rounds across the machine's states were left out however
   * many, the likely cause). Such a step is measured again, once, from the start, and the second
   * measurement decides whatever it shows, so a commit that really is that slow costs one
   * measurement more.
   */
  static boolean beyondTheSpan(double position, double[] good, double[] bad) {
    double[] g = Rounds.logs(good);
    double[] b = Rounds.logs(bad);
    double[] d = new double[g.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = b[i] - g[i];
    }
    double span = Center.of(d, STEP_CONFIDENCE).median();
    return span > 0 && Math.abs(position) > 1.5 * span;
  }

  /**
   * The rounds (or pairs) to leave out of a verdict: those whose runs did not all meet one state
   * of the machine ({@link Rounds#unsteady}, at {@link #STATE_SPREADS}), however many. On the
   * benchmark machine a run took about 35 or about 46 ms, at random from run to run for minutes,
   * against a 5 % slowdown to find (docs/benchmarks.md). A verdict waits until {@link #MIN_KEPT}
   * rounds are kept ({@link #decidable}); at the cap with fewer than two kept, none is left out.
   */
  static boolean[] leftOut(double[][] sides, boolean capped) {
    double[][] p = new double[sides.length][];
    for (int k = 0; k < sides.length; k++) {
      p[k] = positive(sides[k]);
    }
    boolean[] out = Rounds.unsteady(STATE_SPREADS, p);
    if (capped && keptCount(out) < 2) {
      java.util.Arrays.fill(out, false);
    }
    return out;
  }

  /** Whether enough rounds are kept to decide on, or the cap is reached. */
  static boolean decidable(boolean[] out, boolean capped) {
    return capped || keptCount(out) >= MIN_KEPT;
  }

  private static int keptCount(boolean[] out) {
    int kept = 0;
    for (boolean b : out) {
      kept += b ? 0 : 1;
    }
    return kept;
  }

  private static String leftOutNote(boolean[] out) {
    int n = out.length - keptCount(out);
    return n == 0 ? null : n + " of " + out.length + " rounds left out: the machine's speed differed between their runs";
  }

  /**
   * Times as ratios need values above zero; a run too short for the clock (0 ms) counts as 1 µs.
   * Such a target has nothing to bisect, but it must not stop the comparison.
   */
  private static double[] positive(double[] ms) {
    double[] out = ms.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(out[i], 0.001);
    }
    return out;
  }

  /** The fewest rounds a verdict is made from once unsteady rounds are left out. */
  static final int MIN_KEPT = 8;

  /** How far a round's range must lie above the usual to count as unsteady ({@link Rounds#unsteady}). */
  static final double STATE_SPREADS = 4;


  /**
   * What to say when timed steps reached the cap undecided: each such verdict is the estimate's
   * alone, and one on the wrong side sends the rest of the search into the wrong half (on the
   * benchmark machine that is how bisect missed, docs/benchmarks.md). Null when every step was
   * clear.
   */
  static String unclearNote(List<Step> steps, int maxRuns) {
    List<String> which = steps.stream()
        .filter(s -> !s.clear() && (s.verdict() == Verdict.BAD || s.verdict() == Verdict.GOOD))
        .map(s -> s.commit().shortHash())
        .toList();
    if (which.isEmpty()) {
      return null;
    }
    return (which.size() == 1 ? "step " + which.getFirst() + " reached" : which.size() + " steps (" + String.join(", ", which)
        + ") reached") + " --max-runs (" + maxRuns + ") without a clear verdict, and the estimate decided: if the culprit"
        + " looks wrong, bisect again with --max-runs " + 2 * maxRuns + " or at a quieter moment";
  }

  /** The untried commit nearest the middle of (lo, hi), or -1 when all are skipped. */
  static int pick(int lo, int hi, Set<Integer> skipped) {
    int mid = (lo + hi) / 2;
    for (int d = 0; d < hi - lo; d++) {
      for (int m : new int[] {mid + d, mid - d}) {
        if (m > lo && m < hi && !skipped.contains(m)) {
          return m;
        }
      }
    }
    return -1;
  }

  private BisectReport ambiguous(Line line, int lo, int hi, Set<Integer> skipped, Shift hiShift, double threshold) {
    List<Commit> candidates = new ArrayList<>();
    for (int i = lo + 1; i <= hi; i++) {
      candidates.add(line.at(i));
    }
    notes.add("the target failed at every commit between the last good (" + line.at(lo).shortHash() + ") and the first"
        + " bad one measured (" + line.at(hi).shortHash() + "): the first bad commit is one of the "
        + candidates.size() + " candidates");
    return report(line, Outcome.AMBIGUOUS, null, hiShift, candidates, List.of(), null, threshold);
  }

  // ---- --forbid -------------------------------------------------------------------------------

  private BisectReport forbidden(Line line, ProjectTree good) {
    ModulePattern pattern = ModulePattern.of(req.forbid());
    listener.phase("recording GOOD (" + short7(line.good()) + ")");
    Loaded atGood = loads(good, line.good(), pattern, 0);
    if (atGood.failure() != null) {
      throw UserError.target("the target fails at GOOD (" + req.good() + "): " + atGood.failure());
    }
    if (atGood.loads()) {
      notes.add("GOOD (" + req.good() + ") already loads " + req.forbid() + ": there is no first commit to find");
      return report(line, Outcome.NONE, null, null, List.of(), List.of(), chainOf(atGood.graph(), pattern, goodDir), Double.NaN);
    }
    int n = line.commits().size();
    Loaded atBad;
    try (GitWorktree wt = checkout(line.bad().hash())) {
      ProjectTree t = tree(wt);
      atBad = t == null ? new Loaded(null, false, "no directory " + rel) : loads(t, line.bad(), pattern, n);
    }
    if (atBad.failure() != null) {
      throw UserError.target("the target fails at BAD (" + req.bad() + "): " + atBad.failure());
    }
    if (!atBad.loads()) {
      notes.add("BAD (" + req.bad() + ") does not load " + req.forbid());
      return report(line, Outcome.NONE, null, null, List.of(), List.of(), null, Double.NaN);
    }
    // A recorded commit costs nothing: the one nearest the middle is asked before any is run.
    StoreGuide guide = StoreGuide.forbid(req, line.hashes());
    int lo = 0;
    int hi = n;
    Set<Integer> skipped = new HashSet<>();
    while (hi - lo > 1) {
      if (Thread.currentThread().isInterrupted()) {
        throw new UserError(ExitCode.INTERRUPTED, "interrupted");
      }
      int m = guide.next(lo, hi, skipped);
      if (m < 0) {
        m = pick(lo, hi, skipped);
      }
      if (m < 0) {
        return ambiguous(line, lo, hi, skipped, null, Double.NaN);
      }
      Commit c = line.at(m);
      listener.phase("step " + (steps.size() + 1) + ": recording " + short7(c) + " (" + (hi - lo - 1) + " commits left)");
      long t0 = System.nanoTime();
      Loaded l = guide.answer(m) != null ? answer(c, pattern, m, guide.answer(m)) : null;
      if (l == null) {
        try (GitWorktree wt = checkout(c.hash())) {
          ProjectTree t = tree(wt);
          l = t == null
              ? new Loaded(null, false, "the directory " + rel + " does not exist at this commit")
              : loads(t, c, pattern, m);
        }
      }
      if (l.failure() != null) {
        skip(c, m, t0, "the target fails here: " + lastLine(l.failure()), StoreUse.NONE);
        skipped.add(m);
      } else if (l.loads()) {
        hi = m;
      } else {
        lo = m;
      }
    }
    Commit culprit = line.at(hi);
    ImportChain chain;
    List<AddedModule> added;
    try (GitWorktree wt = checkout(culprit.hash())) {
      RuntimeImportGraph g = ImportRecording.record(req.python(), target(tree(wt)), tree(wt), req.timeout(), work, "culprit");
      chain = chainOf(g, pattern, wt.dir());
    }
    added = addedModules(culprit);
    merge(culprit);
    return report(line, Outcome.FOUND, culprit, null, List.of(), added, chain, Double.NaN);
  }

  /**
   * One recording (or the store's answer) of whether the target loads a match of the pattern;
   * {@code failure} is set (and {@code graph} null) when the target failed.
   */
  private record Loaded(RuntimeImportGraph graph, boolean loads, String failure) {}

  /** The store's answer for {@code c}, with its step (no checkout, no run). */
  private Loaded answer(Commit c, ModulePattern pattern, int position, KnownResults.Modules known) {
    boolean l = known.names().stream().anyMatch(pattern::matches);
    steps.add(new Step(steps.size() + 1, c, position, l ? Verdict.LOADS : Verdict.CLEAN, true, null, 0, 0,
        "from the store, recorded " + known.recordedAt(), StoreUse.ANSWER, null));
    return new Loaded(null, l, null);
  }

  /** Records {@code c} and adds its step; a failing target adds no step (the caller decides). */
  private Loaded loads(ProjectTree tree, Commit c, ModulePattern pattern, int position) {
    long t0 = System.nanoTime();
    try {
      RuntimeImportGraph g = ImportRecording.record(req.python(), target(tree), tree, req.timeout(), work, c.hash());
      boolean l = g.modules().stream().anyMatch(m -> !m.equals(RuntimeImportGraph.ROOT) && pattern.matches(m));
      steps.add(new Step(
          steps.size() + 1, c, position, l ? Verdict.LOADS : Verdict.CLEAN, true, null, 1, seconds(t0), null, StoreUse.NONE, null));
      return new Loaded(g, l, null);
    } catch (UserError e) {
      if (e.exitCode() != ExitCode.TARGET) {
        throw e;
      }
      return new Loaded(null, false, e.getMessage());
    }
  }

  private ImportChain chainOf(RuntimeImportGraph g, ModulePattern pattern, Path wtDir) {
    CheckResult.Forbidden f = Gate.forbidden("bisect", pattern, g);
    if (f.loaded().isEmpty()) {
      return null;
    }
    return relative(f.loaded().get(0).chain(), wtDir);
  }

  // ---- what the culprit added -----------------------------------------------------------------

  /**
   * Modules the culprit's run loads and its first parent's does not (one recording each), with the
   * culprit's chain to each; submodules of an added module are counted under it. Empty with a
   * note when either recording fails.
   */
  private List<AddedModule> addedModules(Commit culprit) {
    listener.phase("recording " + short7(culprit) + " and its parent for the modules it added");
    String parent = GitWorktree.git(repo, "rev-parse", culprit.hash() + "^1").strip();
    RuntimeImportGraph before;
    try (GitWorktree wt = checkout(parent)) {
      ProjectTree t = tree(wt);
      before = t == null ? null : ImportRecording.record(req.python(), target(t), t, req.timeout(), work, "parent");
    } catch (UserError e) {
      if (e.exitCode() != ExitCode.TARGET) {
        throw e;
      }
      before = null;
    }
    if (before == null) {
      notes.add("the modules the culprit added are not listed: the target fails at its parent");
      return List.of();
    }
    try (GitWorktree wt = checkout(culprit.hash())) {
      ProjectTree t = tree(wt);
      RuntimeImportGraph after = ImportRecording.record(req.python(), target(t), t, req.timeout(), work, "culprit-modules");
      Set<String> old = new HashSet<>(before.modules());
      List<String> fresh = after.modules().stream()
          .filter(m -> !m.equals(RuntimeImportGraph.ROOT) && !old.contains(m) && !m.equals("__main__"))
          .toList();
      Set<String> all = new HashSet<>(fresh);
      Map<String, Integer> tops = new java.util.LinkedHashMap<>();
      for (String m : fresh) {
        String top = m;
        for (int dot = m.lastIndexOf('.'); dot > 0; dot = m.lastIndexOf('.', dot - 1)) {
          if (all.contains(m.substring(0, dot))) {
            top = m.substring(0, dot);
          }
        }
        tops.merge(top, top.equals(m) ? 0 : 1, Integer::sum);
      }
      List<AddedModule> out = new ArrayList<>();
      tops.forEach((m, subs) -> {
        List<ImportChain> chains = dev.coldstart.explain.WhyChains.find(after, m, 1).chains();
        out.add(new AddedModule(m, subs, chains.isEmpty() ? null : relative(chains.get(0), wt.dir())));
      });
      return out;
    } catch (UserError e) {
      if (e.exitCode() != ExitCode.TARGET) {
        throw e;
      }
      notes.add("the modules the culprit added are not listed: recording it failed: " + firstLine(e.getMessage()));
      return List.of();
    }
  }

  /** The chain with files inside a temporary worktree written relative to the repository. */
  private static ImportChain relative(ImportChain chain, Path wtDir) {
    if (chain == null || wtDir == null) {
      return chain;
    }
    String prefix = wtDir.toString() + "/";
    List<ImportEdge> hops = new ArrayList<>();
    for (ImportEdge e : chain.hops()) {
      ImportSite s = e.site();
      if (s != null && s.file() != null && s.file().startsWith(prefix)) {
        s = new ImportSite(s.file().substring(prefix.length()), s.line(), s.statement(), s.fromStatic());
      }
      hops.add(new ImportEdge(e.importer(), e.module(), s, e.how(), e.alreadyLoaded(), e.names(), e.failed(), e.seq()));
    }
    return new ImportChain(hops, chain.loading());
  }

  private void merge(Commit culprit) {
    if (!culprit.merge()) {
      return;
    }
    String h = culprit.hash();
    String base;
    try {
      base = GitWorktree.git(repo, "merge-base", h + "^1", h + "^2").strip();
    } catch (UserError e) {
      base = h + "^1";
    }
    notes.add("the culprit is a merge: the slowdown came with the branch it merged; to find the commit on that branch: "
        + "coldstart bisect " + base.substring(0, Math.min(10, base.length())) + " " + culprit.shortHash() + "^2 TARGET");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private GitWorktree checkout(String commit) {
    return GitWorktree.add(repo, commit);
  }

  /** The project inside a worktree, or null when its directory does not exist at that commit. */
  private ProjectTree tree(GitWorktree wt) {
    Path root = wt.dir().resolve(rel);
    return Files.isDirectory(root) ? ProjectTree.of(root, List.of()) : null;
  }

  private Target target(ProjectTree tree) {
    return tree.rebase(absolute(req.target()), userRoot);
  }

  private Target absolute(Target t) {
    if (t instanceof Target.Script s && !s.script().isAbsolute()) {
      return new Target.Script(s.script().toAbsolutePath().normalize(), s.args());
    }
    return t;
  }

  private BisectReport report(
      Line line, Outcome outcome, Commit culprit, Shift shift, List<Commit> candidates, List<AddedModule> added,
      ImportChain chain, double threshold) {
    String store = StoreGuide.summary(req.known(), steps, req.forbid() != null, outcome);
    if (store != null) {
      notes.add(store);
    }
    return new BisectReport(
        req.good(), line.good().hash(), req.bad(), line.bad().hash(), line.commits().size(), req.target().describe(),
        req.python().describe(), req.forbid() == null ? req.quantity() : null, threshold, req.forbid(), outcome, culprit,
        shift, candidates, added, chain, steps, notes);
  }

  private static String short7(Commit c) {
    return c.hash().substring(0, 7);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The last non-blank line: for a failed run, the exception from the tail of its stderr. */
  private static String lastLine(String s) {
    List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? s : lines.getLast().strip();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
