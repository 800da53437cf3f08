package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two saved profiles, A (before) and B (after): the whole target's time,
 * modules added and removed, and each common module's change in cumulative and self time.
 *
 * <p>Significance. For the whole target, when both profiles carry their per-run samples, the change
 * is the Hodges-Lehmann shift B - A with its Moses interval ({@link Shift}), significant when the
 * interval excludes zero. Per module (and for the whole target without samples) a saved profile
 * holds only a median and its 95 % interval, so a change is called significant when the two
 * intervals do not overlap. That is conservative: two 95 % intervals can overlap while the medians
 * differ at 95 %, so some real changes go unflagged, and a flagged one is unlikely to be noise
 * (for two normal samples with intervals of equal width, non-overlap means p below about 0.006). A module seen in only some runs of a profile is compared
 * all the same; its interval is over the runs that had it.
 *
 * <p>Added and removed modules are those in {@code sys.modules} at exit of one profile's target and
 * not the other's ({@link Profile#loaded()}): a module loaded by {@code importlib.import_module}
 * has no importtime row but is loaded all the same. A profile saved without that list (read from a
 * log, or by an older coldstart) has only its importtime rows; when either has no list, both are
 * compared by their rows (failed imports left out) and the module counts are those rows too.
 *
 * <p>Cost: O(modules) plus a sort, and one O(n m log nm) shift for the whole target.
 *
 * @param a the profile before
 * @param b the profile after
 * @param wall the whole process's wall time, when both profiles have it
 * @param imports the summed import time
 * @param moduleCountA modules loaded by A's target (see the class comment)
 * @param moduleCountB the same for B
 * @param added modules only B loads, most expensive first, then those without a row by name
 * @param removed modules only A loads, in the same order
 * @param changed modules both import, largest absolute change of cumulative median first
 */
public record ProfileDiff(
    Profile a,
    Profile b,
    Change wall,
    Change imports,
    double moduleCountA,
    double moduleCountB,
    List<Listed> added,
    List<Listed> removed,
    List<ModuleChange> changed) {

  /**
   * A module only one profile loads.
   *
   * @param name module name
   * @param file its file, or null (unknown, or no importtime row)
   * @param cumulativeMs its cumulative time, or null: it had no importtime row (loaded by {@code
   *     importlib.import_module}), its time is in its importer's
   */
  public record Listed(String name, String file, Estimate cumulativeMs) {}

  /**
   * A change of one quantity in milliseconds.
   *
   * @param before median in A
   * @param after median in B
   * @param delta the estimated change, B - A (shift estimate, or difference of medians)
   * @param low lower end of the change's interval, or NaN when the change has none
   * @param high upper end, or NaN
   * @param significant whether the change is beyond noise (see the class comment)
   * @param method how significance was decided: "shift" (samples) or "intervals"
   */
  public record Change(
      double before, double after, double delta, double low, double high, boolean significant, String method) {

    /** Change of two estimates, significant when their intervals do not overlap. */
    static Change of(Estimate a, Estimate b) {
      boolean apart = a.high() < b.low() || b.high() < a.low();
      return new Change(
          a.median(), b.median(), b.median() - a.median(), b.low() - a.high(), b.high() - a.low(), apart, "intervals");
    }

    /** Change from per-run samples: the Hodges-Lehmann shift and its interval. */
    static Change of(Estimate a, Estimate b, List<Double> sa, List<Double> sb) {
      Shift s =
          Shift.between(
              sa.stream().mapToDouble(Double::doubleValue).toArray(),
              sb.stream().mapToDouble(Double::doubleValue).toArray());
      return new Change(a.median(), b.median(), s.estimate(), s.low(), s.high(), s.excludesZero(), "shift");
    }

    /** Relative change of the medians, or NaN when A's is zero. */
    public double ratio() {
      return before == 0 ? Double.NaN : delta / before;
    }
  }

  /**
   * One module both profiles import.
   *
   * @param name module name
   * @param file its file in B (else in A)
   * @param cumulative change of the cumulative time
   * @param self change of the self time
   */
  public record ModuleChange(String name, String file, Change cumulative, Change self) {
    /** Either time changed beyond noise. */
    public boolean significant() {
      return cumulative.significant() || self.significant();
    }
  }

  /** Compares two profiles. */
  public static ProfileDiff of(Profile a, Profile b) {
    Map<String, Profile.ModuleStat> inA = byName(a);
    Map<String, Profile.ModuleStat> inB = byName(b);
    boolean recorded = a.loaded() != null && b.loaded() != null;
    Set<String> loadedA = loaded(a, recorded);
    Set<String> loadedB = loaded(b, recorded);
    List<ModuleChange> changed = new ArrayList<>();
    for (Profile.ModuleStat m : inB.values()) {
      Profile.ModuleStat before = inA.get(m.name());
      if (before != null) {
        changed.add(
            new ModuleChange(
                m.name(),
                m.file() != null ? m.file() : before.file(),
                Change.of(before.cumulativeMs(), m.cumulativeMs()),
                Change.of(before.selfMs(), m.selfMs())));
      }
    }
    changed.sort(
        Comparator.comparingDouble((ModuleChange c) -> -Math.abs(c.cumulative().delta()))
            .thenComparing(ModuleChange::name));
    boolean rowCounts = !recorded && (a.loaded() != null || b.loaded() != null);
    return new ProfileDiff(
        a,
        b,
        change(a.wallMs(), b.wallMs(), samples(a, true), samples(b, true)),
        change(a.importMs(), b.importMs(), samples(a, false), samples(b, false)),
        rowCounts ? loadedA.size() : a.moduleCount(),
        rowCounts ? loadedB.size() : b.moduleCount(),
        only(loadedB, loadedA, inB),
        only(loadedA, loadedB, inA),
        List.copyOf(changed));
  }

  /** The modules a profile's target loaded: its sys.modules list, or its rows that did not fail. */
  private static Set<String> loaded(Profile p, boolean recorded) {
    if (recorded) {
      return new LinkedHashSet<>(p.loaded());
    }
    Set<String> out = new LinkedHashSet<>();
    p.modules().stream().filter(m -> !m.failed()).forEach(m -> out.add(m.name()));
    return out;
  }

  /** The names in {@code these} but not in {@code others}, timed ones most expensive first. */
  private static List<Listed> only(Set<String> these, Set<String> others, Map<String, Profile.ModuleStat> rows) {
    List<Listed> out = new ArrayList<>();
    for (String name : these) {
      if (!others.contains(name)) {
        Profile.ModuleStat m = rows.get(name);
        out.add(m == null ? new Listed(name, null, null) : new Listed(name, m.file(), m.cumulativeMs()));
      }
    }
    out.sort(
        Comparator.comparingDouble(
                (Listed l) -> l.cumulativeMs() == null ? 1 : -l.cumulativeMs().median())
            .thenComparing(Listed::name));
    return List.copyOf(out);
  }

  private static Change change(Estimate a, Estimate b, List<Double> sa, List<Double> sb) {
    if (a == null || b == null) {
      return null;
    }
    if (sa != null && sb != null && !sa.isEmpty() && !sb.isEmpty()) {
      return Change.of(a, b, sa, sb);
    }
    return Change.of(a, b);
  }

  private static List<Double> samples(Profile p, boolean wall) {
    if (p.samples() == null) {
      return null;
    }
    return wall ? p.samples().wallMs() : p.samples().importMs();
  }

  private static Map<String, Profile.ModuleStat> byName(Profile p) {
    Map<String, Profile.ModuleStat> out = new LinkedHashMap<>();
    for (Profile.ModuleStat m : p.modules()) {
      out.putIfAbsent(m.name(), m);
    }
    return out;
  }

  /** Modules whose time changed beyond noise, in {@link #changed()} order. */
  public List<ModuleChange> significant() {
    return changed.stream().filter(ModuleChange::significant).toList();
  }
}
