package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link ProfileDiff} as text, Markdown (for a pull-request comment) or a self-contained HTML page.
 * All three say the same: the whole target's change, then modules added, removed, and changed
 * beyond noise; changes within noise are counted, not listed, and never marked as slower or faster.
 * The HTML page has no script at all; its text is escaped, and its Content-Security-Policy forbids
 * scripts and network loads.
 */
public final class DiffReport {
  /**
   * What to show.
   *
   * @param top at most this many modules per list
   */
  public record Options(int top) {}

  private DiffReport() {}

  // ---- text ------------------------------------------------------------------------------------

  public static String text(ProfileDiff d, Options o) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart diff\n");
    sb.append("  A: ").append(describe(d.a())).append('\n');
    sb.append("  B: ").append(describe(d.b())).append("\n\n");
    total(sb, "wall time", d.wall());
    total(sb, "import time", d.imports());
    sb.append(
        String.format(
            Locale.ROOT,
            "%-12s %s -> %s (%+d)%n",
            "modules",
            Math.round(d.moduleCountA()),
            Math.round(d.moduleCountB()),
            Math.round(d.moduleCountB()) - Math.round(d.moduleCountA())));
    modules(sb, "Added in B", d.added(), o);
    modules(sb, "Removed in B", d.removed(), o);
    List<ProfileDiff.ModuleChange> sig = d.significant();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nChanged beyond noise: %d of %d modules in both (95%% intervals apart)%n",
            sig.size(),
            d.changed().size()));
    if (!sig.isEmpty()) {
      sb.append("  cumulative A -> B (change)          self A -> B (change)          module\n");
      for (ProfileDiff.ModuleChange c : sig.subList(0, Math.min(o.top(), sig.size()))) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-34s %-29s %s%n",
                arrow(c.cumulative()),
                arrow(c.self()),
                c.name()));
      }
      more(sb, sig.size(), o.top());
    }
    int quiet = d.changed().size() - sig.size();
    if (quiet > 0) {
      sb.append("  ").append(quiet).append(" module(s) within noise, not listed\n");
    }
    return sb.toString();
  }

  private static void total(StringBuilder sb, String label, ProfileDiff.Change c) {
    if (c == null) {
      return;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%-12s %s -> %s ms  %s ms%s  %s%n",
            label,
            ms(c.before()),
            ms(c.after()),
            signed(c.delta()),
            Double.isNaN(c.low()) ? "" : " [" + signed(c.low()) + ", " + signed(c.high()) + "]",
            verdict(c)));
  }

  private static void modules(StringBuilder sb, String title, List<ProfileDiff.Listed> ms, Options o) {
    sb.append('\n').append(title).append(": ").append(ms.size()).append(" module(s)\n");
    for (ProfileDiff.Listed m : ms.subList(0, Math.min(o.top(), ms.size()))) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %12s  %s%s%n",
              cumulative(m),
              m.name(),
              m.file() == null ? "" : "  " + m.file()));
    }
    more(sb, ms.size(), o.top());
    if (ms.stream().limit(o.top()).anyMatch(m -> m.cumulativeMs() == null)) {
      sb.append("  (no row: loaded without an -X importtime row, e.g. by importlib.import_module;"
          + " its time is in its importer's)\n");
    }
  }

  /** "12.50 ms", or "no row" for a module loaded without an importtime row. */
  private static String cumulative(ProfileDiff.Listed m) {
    return m.cumulativeMs() == null ? "no row" : ms(m.cumulativeMs().median()) + " ms";
  }

  private static void more(StringBuilder sb, int size, int top) {
    if (size > top) {
      sb.append("  ... and ").append(size - top).append(" more\n");
    }
  }

  // ---- Markdown ----------------------------------------------------------------------------------

  public static String markdown(ProfileDiff d, Options o) {
    StringBuilder sb = new StringBuilder();
    sb.append("### coldstart diff\n\n");
    sb.append("- **A**: ").append(md(describe(d.a()))).append('\n');
    sb.append("- **B**: ").append(md(describe(d.b()))).append("\n\n");
    sb.append("| | A | B | change | |\n|---|---:|---:|---:|---|\n");
    for (Total t : totals(d)) {
      ProfileDiff.Change c = t.change();
      sb.append("| ")
          .append(t.label())
          .append(" | ")
          .append(ms(c.before()))
          .append(" ms | ")
          .append(ms(c.after()))
          .append(" ms | ")
          .append(signed(c.delta()))
          .append(" ms")
          .append(Double.isNaN(c.low()) ? "" : " [" + signed(c.low()) + ", " + signed(c.high()) + "]")
          .append(" | ")
          .append(c.significant() ? "**" + verdict(c) + "**" : verdict(c))
          .append(" |\n");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| modules | %d | %d | %+d | |%n",
            Math.round(d.moduleCountA()),
            Math.round(d.moduleCountB()),
            Math.round(d.moduleCountB()) - Math.round(d.moduleCountA())));
    mdModules(sb, "Added in B", d.added(), o);
    mdModules(sb, "Removed in B", d.removed(), o);
    List<ProfileDiff.ModuleChange> sig = d.significant();
    sb.append("\n#### Changed beyond noise: ")
        .append(sig.size())
        .append(" of ")
        .append(d.changed().size())
        .append(" modules in both\n\n");
    if (!sig.isEmpty()) {
      sb.append("| module | cumulative A → B | change | self change |\n|---|---:|---:|---:|\n");
      for (ProfileDiff.ModuleChange c : sig.subList(0, Math.min(o.top(), sig.size()))) {
        sb.append("| ")
            .append(md(c.name()))
            .append(" | ")
            .append(ms(c.cumulative().before()))
            .append(" → ")
            .append(ms(c.cumulative().after()))
            .append(" | ")
            .append(mark(c.cumulative()))
            .append(" | ")
            .append(mark(c.self()))
            .append(" |\n");
      }
      if (sig.size() > o.top()) {
        sb.append("\n... and ").append(sig.size() - o.top()).append(" more\n");
      }
    }
    sb.append("\nSignificant: per-run samples' shift interval excludes 0 (totals), else 95 % intervals apart.\n");
    return sb.toString();
  }

  /** A line of the totals table. */
  private record Total(String label, ProfileDiff.Change change) {}

  private static List<Total> totals(ProfileDiff d) {
    List<Total> out = new java.util.ArrayList<>();
    if (d.wall() != null) {
      out.add(new Total("wall time", d.wall()));
    }
    if (d.imports() != null) {
      out.add(new Total("import time", d.imports()));
    }
    return out;
  }

  private static void mdModules(StringBuilder sb, String title, List<ProfileDiff.Listed> ms, Options o) {
    sb.append("\n#### ").append(title).append(": ").append(ms.size()).append("\n\n");
    if (ms.isEmpty()) {
      return;
    }
    sb.append("| module | cumulative ms | file |\n|---|---:|---|\n");
    for (ProfileDiff.Listed m : ms.subList(0, Math.min(o.top(), ms.size()))) {
      sb.append("| ")
          .append(md(m.name()))
          .append(" | ")
          .append(m.cumulativeMs() == null ? "no row" : ms(m.cumulativeMs().median()))
          .append(" | ")
          .append(m.file() == null ? "" : md(m.file()))
          .append(" |\n");
    }
    if (ms.size() > o.top()) {
      sb.append("\n... and ").append(ms.size() - o.top()).append(" more\n");
    }
  }

  private static String mark(ProfileDiff.Change c) {
    String s = signed(c.delta());
    return c.significant() ? "**" + s + "** " + (c.delta() > 0 ? "🔺" : "🔻") : s;
  }

  /** Markdown-inert text: punctuation that could format is backslash-escaped, HTML is escaped. */
  static String md(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r' -> sb.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '(', ')' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- HTML ----------------------------------------------------------------------------------------

  public static String html(ProfileDiff d, Options o) {
    Function<String, String> e = Html::escape;
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"totals\"><tr><th></th><th>A</th><th>B</th><th>change</th><th></th></tr>\n");
    for (Total t : totals(d)) {
      ProfileDiff.Change c = t.change();
      b.append("<tr class=\"").append(cls(c)).append("\"><td>").append(t.label()).append("</td><td>")
          .append(ms(c.before())).append(" ms</td><td>").append(ms(c.after())).append(" ms</td><td>")
          .append(signed(c.delta())).append(" ms")
          .append(Double.isNaN(c.low()) ? "" : " [" + signed(c.low()) + ", " + signed(c.high()) + "]")
          .append("</td><td>").append(e.apply(verdict(c))).append("</td></tr>\n");
    }
    b.append("<tr><td>modules</td><td>").append(Math.round(d.moduleCountA())).append("</td><td>")
        .append(Math.round(d.moduleCountB())).append("</td><td>")
        .append(String.format(Locale.ROOT, "%+d", Math.round(d.moduleCountB()) - Math.round(d.moduleCountA())))
        .append("</td><td></td></tr></table>\n");
    htmlModules(b, "added", "Added in B", d.added(), o);
    htmlModules(b, "removed", "Removed in B", d.removed(), o);
    b.append("<h2>Changes per module <small>coloured only where the 95 % intervals are apart</small></h2>\n");
    b.append("<table id=\"changed\"><thead><tr><th>module</th><th>cumulative A</th><th>cumulative B</th>"
        + "<th>change</th><th>self change</th><th>file</th></tr></thead><tbody>\n");
    List<ProfileDiff.ModuleChange> shown = d.changed().subList(0, Math.min(Math.max(o.top(), d.significant().size()), d.changed().size()));
    for (ProfileDiff.ModuleChange c : shown) {
      b.append("<tr class=\"").append(cls(c.cumulative())).append("\"><td><code>").append(e.apply(c.name()))
          .append("</code></td><td>").append(ms(c.cumulative().before()))
          .append("</td><td>").append(ms(c.cumulative().after())).append("</td><td>")
          .append(signed(c.cumulative().delta())).append("</td><td class=\"").append(cls(c.self())).append("\">")
          .append(signed(c.self().delta())).append("</td><td class=\"file\">")
          .append(e.apply(c.file() == null ? "" : c.file())).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    if (d.changed().size() > shown.size()) {
      b.append("<p class=\"muted\">").append(d.changed().size() - shown.size())
          .append(" smaller changes within noise not listed.</p>\n");
    }
    return Html.fill(
        Html.resource("diff.html"),
        Map.of(
            "TITLE", e.apply("coldstart diff: " + d.a().target() + " vs " + d.b().target()),
            "A", e.apply(describe(d.a())),
            "B", e.apply(describe(d.b())),
            "BODY", b.toString()));
  }

  private static void htmlModules(StringBuilder b, String id, String title, List<ProfileDiff.Listed> ms, Options o) {
    b.append("<h2>").append(title).append(": ").append(ms.size()).append("</h2>\n");
    if (ms.isEmpty()) {
      return;
    }
    b.append("<table id=\"").append(id).append("\"><thead><tr><th>module</th><th>cumulative ms</th><th>file</th></tr></thead><tbody>\n");
    for (ProfileDiff.Listed m : ms.subList(0, Math.min(o.top(), ms.size()))) {
      b.append("<tr><td><code>").append(Html.escape(m.name())).append("</code></td><td>")
          .append(m.cumulativeMs() == null ? "no row" : ms(m.cumulativeMs().median())).append("</td><td class=\"file\">")
          .append(Html.escape(m.file() == null ? "" : m.file())).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    if (ms.size() > o.top()) {
      b.append("<p class=\"muted\">... and ").append(ms.size() - o.top()).append(" more</p>\n");
    }
  }

  private static String cls(ProfileDiff.Change c) {
    return !c.significant() ? "same" : c.delta() > 0 ? "slower" : "faster";
  }

  // ---- shared ----------------------------------------------------------------------------------

  private static String describe(Profile p) {
    StringBuilder s = new StringBuilder(p.target());
    s.append("  (").append(p.runs()).append(" runs");
    if (p.python() != null) {
      s.append(", ").append(p.python().implementation()).append(' ').append(p.python().version());
    }
    if (p.startedAt() != null) {
      s.append(", ").append(p.startedAt());
    }
    return s.append(')').toString();
  }

  private static String verdict(ProfileDiff.Change c) {
    String how = c.method().equals("shift") ? "shift of per-run samples" : "95% intervals";
    if (!c.significant()) {
      return "within noise (" + how + ")";
    }
    return (c.delta() > 0 ? "SLOWER" : "FASTER")
        + (Double.isNaN(c.ratio()) ? "" : String.format(Locale.ROOT, " %+.0f%%", 100 * c.ratio()))
        + " (" + how + ")";
  }

  private static String arrow(ProfileDiff.Change c) {
    return ms(c.before()) + " -> " + ms(c.after()) + " (" + signed(c.delta()) + ")" + (c.significant() ? " *" : "");
  }

  static String ms(double v) {
    return ProfileText.ms(v);
  }

  static String signed(double v) {
    return (v >= 0 ? "+" : "-") + ProfileText.ms(Math.abs(v));
  }
}
