package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import dev.coldstart.stats.Estimate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal view of a profile: the headline (what the target costs above a bare interpreter),
 * the top offenders, then the import tree cut by depth and by a minimum cumulative time so that
 * what matters fits on a screen.
 */
public final class ProfileText {
  /**
   * What to show.
   *
   * @param depth deepest tree level shown (0 = only the target's own imports)
   * @param minMs hide tree nodes whose median cumulative time is below this
   * @param top how many top offenders to list
   */
  public record Options(int depth, double minMs, int top) {}

  private ProfileText() {}

  public static String render(Profile p, Options o) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart profile: ").append(p.target()).append('\n');
    if (p.python() != null) {
    sb.append("python:  ")
        .append(p.python().implementation())
        .append(' ')
        .append(p.python().version())
        .append(" (")
        .append(p.python().executable())
        .append(")\n");
    }
    sb.append("runs:    ")
        .append(p.runs())
        .append(" measured")
        .append(p.warmup() > 0 ? " after " + p.warmup() + " warm-up" : "")
        .append(p.bareWallMs() != null ? ", interleaved with the bare interpreter (-c pass)" : "")
        .append('\n');
    if (!p.constraints().isEmpty()) {
      sb.append("limits:  ").append(String.join(", ", p.constraints())).append('\n');
    }
    if (p.stoppedBy() != null) {
      sb.append("STOPPED EARLY: ").append(p.stoppedBy()).append(" (").append(p.runs()).append(" runs kept)\n");
    }
    sb.append('\n');
    if (p.wallMs() != null) {
      sb.append(row("wall time", p.wallMs(), "median [95% CI] of the whole process"));
    }
    if (p.bareWallMs() != null) {
      sb.append(row("bare python", p.bareWallMs(), "the interpreter alone"));
    }
    if (p.aboveBareMs() != null) {
      var s = p.aboveBareMs();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-13s %9s ms  [%s, %s]  the target's own cost (Hodges-Lehmann shift, p=%s)%n",
              "above bare",
              ms(s.estimate()),
              ms(s.low()),
              ms(s.high()),
              pval(s.pValue())));
    }
    if (p.importMs() != null) {
      String loaded = p.loaded() != null ? "modules loaded" : "modules";
      sb.append(
          row(
              "import time",
              p.importMs(),
              p.bareImportMs() == null
                  ? String.format(
                      Locale.ROOT, "sum of -X importtime; %d %s", Math.round(p.moduleCount()), loaded)
                  : String.format(
                      Locale.ROOT,
                      "sum of -X importtime; %d %s (bare python: %s ms, %d modules)",
                      Math.round(p.moduleCount()),
                      loaded,
                      ms(p.bareImportMs().median()),
                      Math.round(p.bareModuleCount()))));
    }
    List<String> findings = Findings.of(p);
    if (!findings.isEmpty()) {
      sb.append("\nWhat stands out\n");
      for (String f : findings) {
        sb.append("  * ").append(f).append('\n');
      }
    }
    List<Profile.ModuleStat> own = p.modules().stream().filter(m -> !m.bare()).toList();
    if (!own.isEmpty()) {
      sb.append("\nTop modules by cumulative time (median ms [95% CI]; self = own body only")
          .append(p.opportunities() == null ? "" : "; retained = what not loading it saves")
          .append(")\n");
      int shown = 0;
      for (Profile.ModuleStat m : own) {
        if (shown++ >= o.top()) {
          break;
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "  %9s [%s, %s]  self %8s%s  %s%s%n",
                ms(m.cumulativeMs().median()),
                ms(m.cumulativeMs().low()),
                ms(m.cumulativeMs().high()),
                ms(m.selfMs().median()),
                m.retainedMs() == null ? "" : String.format(Locale.ROOT, "  retained %8s", ms(m.retainedMs().median())),
                m.name(),
                badges(m, p.runs())));
      }
      List<Profile.ModuleStat> bySelf =
          own.stream()
              .sorted((a, b) -> Double.compare(b.selfMs().median(), a.selfMs().median()))
              .limit(Math.max(1, o.top() / 2))
              .toList();
      sb.append("\nHeaviest bodies (self time, median ms)\n");
      for (Profile.ModuleStat m : bySelf) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %9s [%s, %s]  %s%s%n",
                ms(m.selfMs().median()),
                ms(m.selfMs().low()),
                ms(m.selfMs().high()),
                m.name(),
                m.file() == null ? "" : "  " + m.file()));
      }
    }
    if (!p.tree().isEmpty()) {
      Map<String, Profile.ModuleStat> byName = new HashMap<>();
      p.modules().forEach(m -> byName.putIfAbsent(m.name(), m));
      sb.append(
          String.format(
              Locale.ROOT,
              "%nImport tree (cumulative median ms; --depth %d, --min-ms %s; start-up modules of the"
                  + " bare interpreter hidden)%n",
              o.depth(),
              ms(o.minMs())));
      int[] hidden = {0};
      for (Profile.TreeNode n : p.tree()) {
        Profile.ModuleStat m = byName.get(n.name());
        if (m != null && m.bare()) {
          continue;
        }
        tree(sb, n, byName, o, 0, "", hidden);
      }
      if (hidden[0] > 0) {
        sb.append("  (").append(hidden[0]).append(" smaller or deeper imports not shown)\n");
      }
    }
    String bodies = BodyLinesText.render(p.bodies());
    if (!bodies.isEmpty()) {
      sb.append('\n').append(bodies);
    }
    String ops = OpportunityLines.render(p.opportunities(), Math.min(5, o.top()), 6);
    if (!ops.isEmpty()) {
      sb.append('\n').append(ops);
    }
    String lazy = LazyLines.render(p.lazyImports(), Math.min(5, o.top()));
    if (!lazy.isEmpty()) {
      sb.append('\n').append(lazy);
    }
    String all = LazyAllLines.render(p.lazyAll());
    if (!all.isEmpty()) {
      sb.append('\n').append(all);
    }
    if (!p.notes().isEmpty()) {
      sb.append("\nNotes\n");
      for (String n : p.notes()) {
        sb.append("  - ").append(n).append('\n');
      }
    }
    return sb.toString();
  }

  private static void tree(
      StringBuilder sb,
      Profile.TreeNode n,
      Map<String, Profile.ModuleStat> byName,
      Options o,
      int level,
      String indent,
      int[] hidden) {
    Profile.ModuleStat m = byName.get(n.name());
    double cum = n.cumulativeMs();
    if (level > o.depth() || cum < o.minMs()) {
      hidden[0] += 1 + count(n);
      return;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  %9s  %s%s%s%n",
            ms(cum),
            indent,
            n.name(),
            m == null ? "" : badges(m, Integer.MAX_VALUE)));
    for (Profile.TreeNode c : n.children()) {
      tree(sb, c, byName, o, level + 1, indent + "  ", hidden);
    }
  }

  private static int count(Profile.TreeNode n) {
    int c = 0;
    for (Profile.TreeNode k : n.children()) {
      c += 1 + count(k);
    }
    return c;
  }

  private static String badges(Profile.ModuleStat m, int runs) {
    StringBuilder b = new StringBuilder();
    if (m.extension()) {
      b.append(" [extension]");
    }
    if (m.failed()) {
      b.append(" [FAILED]");
    }
    if (m.runs() < runs && runs != Integer.MAX_VALUE) {
      b.append(" [in ").append(m.runs()).append('/').append(runs).append(" runs]");
    }
    return b.toString();
  }

  private static String row(String label, Estimate e, String what) {
    String few =
        e.n() == 1
            ? " (one run: no interval)"
            : e.coverage() < 0.95
            ? String.format(Locale.ROOT, " (interval covers only %.0f%%: too few runs)", 100 * e.coverage())
            : "";
    return String.format(
        Locale.ROOT,
        "%-13s %9s ms  [%s, %s]  %s%s%n",
        label,
        ms(e.median()),
        ms(e.low()),
        ms(e.high()),
        what,
        few);
  }

  static String ms(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String pval(double p) {
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
