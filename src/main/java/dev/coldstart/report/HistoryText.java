package dev.coldstart.report;

import dev.coldstart.store.Series;
import java.util.List;
import java.util.Locale;

/**
 * {@code coldstart history} as text: per series a heading (entry, interpreter, machine, limits),
 * one line per recording in commit order, then its change points, e.g. {@code import
 * fleet.version: +18.2 ms [15.1, 21.0] at a1b2c3d (p < 0.01)}.
 */
public final class HistoryText {
  private HistoryText() {}

  public static String render(List<Series> series, boolean changePointsComputed) {
    if (series.isEmpty()) {
      return "no recordings match (record some with: coldstart record TARGET, or profile/check --record)\n";
    }
    StringBuilder b = new StringBuilder();
    for (Series s : series) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(s.entry()).append("  ").append(s.interpreter()).append(' ').append(s.python())
          .append("  machine ").append(s.machine()).append(" (").append(s.machineDescription()).append(')');
      if (!s.limits().isEmpty()) {
        b.append("  under ").append(s.limits());
      }
      b.append('\n');
      // Appended by hand, not String.format: format parses its pattern on every call, which cost
      // about a second of a cold `history` over 10,000 points (bench/history.sh).
      for (Series.Point p : s.points()) {
        b.append("  ");
        pad(b, p.recordedAt().length() >= 19 ? p.recordedAt().substring(0, 19).replace('T', ' ') : p.recordedAt(), 19);
        b.append("  ");
        pad(b, p.commit() == null ? "-" : shortSha(p.commit()) + (p.dirty() ? "+" : ""), 9);
        String median = ms(p.median());
        b.append(" ".repeat(Math.max(0, 9 - median.length()))).append(median).append(" ms [").append(ms(p.low()))
            .append(", ").append(ms(p.high())).append("]  ").append(p.runs() < 10 ? " " : "").append(p.runs())
            .append(" runs  ").append(p.branch() == null ? "" : p.branch() + ": ")
            .append(p.subject() == null ? "" : p.subject()).append(p.dirty() ? " (uncommitted changes)" : "").append('\n');
      }
      for (Series.ChangePoint c : s.changePoints()) {
        b.append("  ").append(changePoint(s.entry(), c)).append('\n');
      }
      int needed = 2 * dev.coldstart.stats.ChangePoints.Settings.defaults().minSegment();
      if (changePointsComputed && s.changePoints().isEmpty() && s.points().size() > 1) {
        b.append(s.points().size() < needed
            ? "  change points need " + needed + " or more recordings\n"
            : "  no change point\n");
      }
    }
    return b.toString();
  }

  /** {@code import fleet.version: +18.2 ms [15.1, 21.0] at a1b2c3d (p < 0.01)}. */
  public static String changePoint(String entry, Series.ChangePoint c) {
    return String.format(Locale.ROOT, "%s: %+.1f ms [%.1f, %.1f] at %s (%s)",
        entry, c.shift(), c.low(), c.high(), c.commit() == null ? "point " + c.index() : shortSha(c.commit()), p(c.p()));
  }

  private static void pad(StringBuilder b, String s, int width) {
    b.append(s).append(" ".repeat(Math.max(0, width - s.length())));
  }

  /** {@code x} with one decimal, rounded half up (as %.1f prints it). */
  static String ms(double x) {
    if (!Double.isFinite(x) || Math.abs(x) >= 1e12) {
      return String.format(Locale.ROOT, "%.1f", x);
    }
    long tenths = Math.round(Math.abs(x) * 10);
    return (x < 0 && tenths > 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
  }

  private static String p(double p) {
    if (p < 0.001) {
      return "p < 0.001";
    }
    if (p < 0.01) {
      return "p < 0.01";
    }
    return String.format(Locale.ROOT, "p = %.2f", p);
  }

  private static String shortSha(String sha) {
    return sha.substring(0, Math.min(7, sha.length()));
  }
}
