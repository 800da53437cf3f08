package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * The representative import tree laid out on one time axis, in whole microseconds, so that the
 * exports (speedscope, Chrome trace, collapsed stacks) are consistent: every span lies within its
 * parent, children follow one another in import order, and a span's duration is its own time plus
 * its children's.
 *
 * <p>The tree holds a median per position, and medians do not add up: a parent's median cumulative
 * time can be less than the sum of its children's. So a span lasts {@code max(cumulative median,
 * sum of its children's spans)}, and its self time is what is left once the children are placed.
 * Top-level spans keep the cumulative medians the other reports show whenever the medians are
 * consistent, which they nearly always are. The children are placed first, from the parent's start;
 * the self time follows them: {@code -X importtime} does not say how a module's own body is
 * interleaved with its imports.
 *
 * <p>Cached rows ({@code -X importtime=2}, Python 3.14) cost nothing and are left out. Cost: O(tree
 * size).
 */
final class ImportTimeline {
  /**
   * One import on the axis.
   *
   * @param name module name
   * @param depth 0 for a top-level import
   * @param startUs start, microseconds from the first import
   * @param durationUs own time plus children
   * @param selfUs own time (the duration minus the children's)
   * @param children the imports it made, in order
   */
  record Span(String name, int depth, long startUs, long durationUs, long selfUs, List<Span> children) {
    long endUs() {
      return startUs + durationUs;
    }
  }

  private ImportTimeline() {}

  /** The top-level spans, one after the other from time 0. */
  static List<Span> of(Profile p) {
    List<Span> out = new ArrayList<>();
    long at = 0;
    for (Profile.TreeNode n : p.tree()) {
      if (n.cached()) {
        continue;
      }
      Span s = place(n, 0, at);
      out.add(s);
      at = s.endUs();
    }
    return List.copyOf(out);
  }

  /** The end of the last span: the length of the whole axis. */
  static long totalUs(List<Span> roots) {
    return roots.isEmpty() ? 0 : roots.get(roots.size() - 1).endUs();
  }

  private static Span place(Profile.TreeNode n, int depth, long start) {
    List<Span> kids = new ArrayList<>();
    long at = start;
    for (Profile.TreeNode c : n.children()) {
      if (c.cached()) {
        continue;
      }
      Span s = place(c, depth + 1, at);
      kids.add(s);
      at = s.endUs();
    }
    long children = at - start;
    long duration = Math.max(micros(n.cumulativeMs()), children);
    return new Span(n.name(), depth, start, duration, duration - children, List.copyOf(kids));
  }

  private static long micros(double ms) {
    return Double.isFinite(ms) && ms > 0 ? Math.round(ms * 1000) : 0;
  }
}
