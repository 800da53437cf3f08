package dev.coldstart.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies line edits and shows them as a unified diff. Edits are sorted by position; two edits may
 * not overlap (a codemod bug, so it throws), but several insertions at one line keep their order.
 * The diff needs no diff algorithm: the edits say exactly which lines change, so hunks are the
 * edits plus three lines of context, merged when their contexts touch.
 */
public final class Edits {
  static final int CONTEXT = 3;

  private Edits() {}

  static List<Edit> sorted(List<Edit> edits) {
    List<Edit> s = new ArrayList<>(edits);
    s.sort(Comparator.comparingInt(Edit::startLine).thenComparingInt(Edit::endLine));
    for (int i = 1; i < s.size(); i++) {
      if (s.get(i).startLine() < s.get(i - 1).endLine()) {
        throw new IllegalStateException("overlapping edits: " + s.get(i - 1) + " and " + s.get(i));
      }
    }
    return s;
  }

  /** The new lines. */
  public static List<String> apply(List<String> lines, List<Edit> edits) {
    List<String> out = new ArrayList<>(lines.size() + 16);
    int at = 0;
    for (Edit e : sorted(edits)) {
      out.addAll(lines.subList(at, Math.min(e.startLine(), lines.size())));
      out.addAll(e.lines());
      at = Math.max(at, e.endLine());
    }
    if (at < lines.size()) {
      out.addAll(lines.subList(at, lines.size()));
    }
    return out;
  }

  /** A unified diff ({@code --- a/PATH}, {@code +++ b/PATH}, hunks); empty when nothing changes. */
  public static String unifiedDiff(String path, List<String> lines, List<Edit> edits) {
    List<Edit> s = sorted(edits).stream().filter(e -> !isNoop(lines, e)).toList();
    if (s.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("--- a/").append(path).append('\n');
    sb.append("+++ b/").append(path).append('\n');
    int delta = 0; // new line number minus old line number before the current hunk
    int i = 0;
    while (i < s.size()) {
      int j = i;
      while (j + 1 < s.size() && s.get(j + 1).startLine() - s.get(j).endLine() <= 2 * CONTEXT) {
        j++;
      }
      int from = Math.max(0, s.get(i).startLine() - CONTEXT);
      int to = Math.min(lines.size(), s.get(j).endLine() + CONTEXT);
      List<String> body = new ArrayList<>();
      int oldCount = 0;
      int newCount = 0;
      int at = from;
      int hunkDelta = delta;
      for (int k = i; k <= j; k++) {
        Edit e = s.get(k);
        for (; at < e.startLine(); at++) {
          body.add(" " + lines.get(at));
          oldCount++;
          newCount++;
        }
        for (; at < e.endLine(); at++) {
          body.add("-" + lines.get(at));
          oldCount++;
        }
        for (String n : e.lines()) {
          body.add("+" + n);
          newCount++;
        }
        delta += e.lines().size() - (e.endLine() - e.startLine());
      }
      for (; at < to; at++) {
        body.add(" " + lines.get(at));
        oldCount++;
        newCount++;
      }
      sb.append("@@ -").append(range(from, oldCount)).append(" +")
          .append(range(from + hunkDelta, newCount)).append(" @@\n");
      for (String b : body) {
        sb.append(b).append('\n');
      }
      i = j + 1;
    }
    return sb.toString();
  }

  private static boolean isNoop(List<String> lines, Edit e) {
    return e.endLine() <= lines.size() && lines.subList(e.startLine(), e.endLine()).equals(e.lines());
  }

  /** GNU diff's "start,count"; an empty range names the line before it. */
  private static String range(int from0, int count) {
    if (count == 0) {
      return from0 + ",0";
    }
    return count == 1 ? String.valueOf(from0 + 1) : (from0 + 1) + "," + count;
  }
}
