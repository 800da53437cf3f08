package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Cost: O(modules) plus a sort, and one O(n m log nm) shift for the whole target.
 *
 * @param a the profile before
 * @param b the profile after
 * @param wall the whole process's wall time, when both profiles have it
 * @param imports the summed import time
 * @param moduleCountA modules imported by A's target (median)
 * @param moduleCountB the same for B
 * @param added modules only B imports, most expensive first
 * @param removed modules only A imports, most expensive first
 * @param changed modules both import, largest absolute change of cumulative median first
 */
public record ProfileDiff(
    Profile a,
    Profile b,
    Change wall,
    Change imports,
    double moduleCountA,
    double moduleCountB,
    List<Profile.ModuleStat> added,
    List<Profile.ModuleStat> removed,
    List<ModuleChange> changed) {

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
    List<Profile.ModuleStat> added = new ArrayList<>();
    List<ModuleChange> changed = new ArrayList<>();
    for (Profile.ModuleStat m : inB.values()) {
      Profile.ModuleStat before = inA.get(m.name());
      if (before == null) {
        added.add(m);
      } else {
        changed.add(
            new ModuleChange(
                m.name(),
                m.file() != null ? m.file() : before.file(),
                Change.of(before.cumulativeMs(), m.cumulativeMs()),
                Change.of(before.selfMs(), m.selfMs())));
      }
    }
    List<Profile.ModuleStat> removed =
        inA.values().stream().filter(m -> !inB.containsKey(m.name())).toList();
    Comparator<Profile.ModuleStat> costly =
        Comparator.comparingDouble((Profile.ModuleStat m) -> -m.cumulativeMs().median())
            .thenComparing(Profile.ModuleStat::name);
    added.sort(costly);
    changed.sort(
        Comparator.comparingDouble((ModuleChange c) -> -Math.abs(c.cumulative().delta()))
            .thenComparing(ModuleChange::name));
    return new ProfileDiff(
        a,
        b,
        change(a.wallMs(), b.wallMs(), samples(a, true), samples(b, true)),
        change(a.importMs(), b.importMs(), samples(a, false), samples(b, false)),
        a.moduleCount(),
        b.moduleCount(),
        List.copyOf(added),
        removed.stream().sorted(costly).toList(),
        List.copyOf(changed));
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
