package dev.coldstart.fix;

import dev.coldstart.explain.ImportEdge;
import dev.coldstart.explain.ModuleCost;
import dev.coldstart.explain.Opportunities;
import dev.coldstart.explain.Opportunity;
import dev.coldstart.explain.RetainedTime;
import dev.coldstart.explain.SelfTimes;
import dev.coldstart.explain.Explainer;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.profile.Sampler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves a fix by running Python: the public API of every changed module before and after (each in
 * a fresh interpreter, {@link PublicApi}), and the target's import time before and after ({@link
 * Profiler}), with the saving the runtime import graph predicted for exactly the deferred
 * statements ({@link Opportunities#whatIf}). If the API differs, or the target fails after the fix,
 * the original files are put back and the fix is reported unsafe.
 */
public final class Verification {
  private Verification() {}

  /**
   * What verifying found.
   *
   * @param safe the public API is unchanged and the target still runs
   * @param problems what differs, when not safe
   * @param modulesChecked the modules whose API was compared
   * @param prediction the predicted saving, or null without a target
   * @param before the target's profile before the fix, or null
   * @param after the target's profile after the fix, or null (also when restored)
   * @param restored the original files were put back
   */
  public record Result(
      boolean safe,
      List<String> problems,
      List<String> modulesChecked,
      Prediction prediction,
      Profile before,
      Profile after,
      boolean restored) {
    /** Achieved saving in ms: the drop of the median summed import time. */
    public double achievedMs() {
      return before.importMs().median() - after.importMs().median();
    }
  }

  /**
   * A predicted saving, of import time (the summed {@code -X importtime} rows), not of the whole
   * process's wall time.
   *
   * @param savingMs median of the per-run sums of the self times no longer loaded, in ms, at the
   *     load of the profile's runs
   * @param lowMs low end of its 95 % interval
   * @param highMs high end of its 95 % interval
   * @param share the saving as a share (0..1) of each run's import time: median and 95 % interval
   *     of the per-run ratios, which carries over to another load; null when unknown
   * @param importMs the median import time of the profile the prediction was made from
   * @param freed the modules that would no longer load at start-up, most expensive first
   */
  public record Prediction(
      double savingMs,
      double lowMs,
      double highMs,
      ModuleCost share,
      double importMs,
      List<String> freed) {
    static Prediction none(double importMs) {
      return new Prediction(0, 0, 0, null, importMs, List.of());
    }
  }

  /** Runs options shared by prediction and re-measurement. */
  public record Measure(Interpreter python, Target target, int runs, Duration timeout) {}

  /** Applies the plan between the two measurements; restores on failure. */
  public static Result applyAndVerify(List<Fixer.FileFix> plan, Measure m, Sampler.Listener listener) {
    List<Fixer.FileFix> changed = plan.stream().filter(Fixer.FileFix::changed).toList();
    Path root = changed.isEmpty() ? plan.get(0).root() : changed.get(0).root();
    Map<String, Set<String>> removed = new HashMap<>();
    Map<String, Set<String>> added = new HashMap<>();
    List<String> modules = new ArrayList<>();
    for (Fixer.FileFix f : changed) {
      modules.add(f.module());
      for (Change c : f.changes()) {
        removed.computeIfAbsent(f.module(), k -> new HashSet<>()).addAll(c.removedNames());
        added.computeIfAbsent(f.module(), k -> new HashSet<>()).addAll(c.addedNames());
      }
    }
    Map<String, PublicApi.Snapshot> apiBefore = new HashMap<>();
    for (String mod : modules) {
      apiBefore.put(mod, PublicApi.take(m.python(), mod, root));
    }
    Explainer.Result measured = m.target() == null ? null : profile(m, root, listener);
    Profile before = measured == null ? null : measured.profile();
    Prediction prediction = measured == null ? null : predict(plan, measured);
    List<Fixer.FileFix> written = Applier.apply(plan);
    List<String> problems = new ArrayList<>();
    for (String mod : modules) {
      PublicApi.Snapshot after = PublicApi.take(m.python(), mod, root);
      problems.addAll(PublicApi.differences(apiBefore.get(mod), after,
          removed.getOrDefault(mod, Set.of()), added.getOrDefault(mod, Set.of())));
    }
    Profile after = null;
    if (problems.isEmpty() && m.target() != null) {
      try {
        after = profile(m, root, listener).profile();
      } catch (dev.coldstart.UserError e) {
        problems.add("the target fails after the fix: " + e.getMessage());
      }
    }
    boolean restored = false;
    if (!problems.isEmpty()) {
      Applier.restore(written);
      restored = true;
    }
    return new Result(problems.isEmpty(), problems, modules, prediction, before, after, restored);
  }

  /** A profile of the target in the tree at {@code root}, with its recorded import graph. */
  public static Explainer.Result profile(Measure m, Path root, Sampler.Listener listener) {
    return Explainer.profile(
        new Profiler.Request(m.python(), m.target(), m.runs(), 1, m.timeout(), false,
            Map.of("PYTHONPATH", PublicApi.pythonPath(root)), root, List.of()),
        listener);
  }

  /**
   * The saving explain predicts for deferring exactly the plan's statements: a what-if over the
   * measured run's import graph without the edges whose site is a deferred statement, priced with
   * the same explanation's per-run self times as {@code explain} prices its opportunities (the
   * median of per-run sums; a sum of medians misses right-skewed runs, see {@link SelfTimes}).
   */
  public static Prediction predict(List<Fixer.FileFix> plan, Explainer.Result measured) {
    Map<Path, List<Change.Deferral>> deferred = new HashMap<>();
    for (Fixer.FileFix f : plan) {
      for (Change c : f.changes()) {
        deferred.computeIfAbsent(f.file().toAbsolutePath().normalize(), k -> new ArrayList<>()).addAll(c.deferred());
      }
    }
    Profile p = measured.profile();
    double importMs = p.importMs() == null ? 0 : p.importMs().median();
    if (deferred.isEmpty()) {
      return Prediction.none(importMs);
    }
    if (measured.explanation() == null) {
      throw dev.coldstart.UserError.target("cannot predict the saving: " + measured.problem());
    }
    RetainedTime retained = measured.explanation().retained();
    List<ImportEdge> edges = new ArrayList<>();
    for (ImportEdge e : retained.graph().edges()) {
      if (e.site() == null) {
        continue;
      }
      List<Change.Deferral> ds = deferred.get(Path.of(e.site().file()).toAbsolutePath().normalize());
      if (ds != null && ds.stream().anyMatch(d -> e.site().line() >= d.line() && e.site().line() <= d.endLine())) {
        edges.add(e);
      }
    }
    if (edges.isEmpty()) {
      return Prediction.none(importMs);
    }
    Opportunity o = Opportunities.whatIf(retained, edges);
    return new Prediction(o.saving().median() / 1000, o.saving().low() / 1000, o.saving().high() / 1000,
        o.share(), importMs, List.copyOf(new LinkedHashSet<>(o.freed())));
  }
}
