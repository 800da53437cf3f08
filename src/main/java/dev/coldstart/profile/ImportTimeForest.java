package dev.coldstart.profile;

import dev.coldstart.profile.ImportTimeLog.Node;
import dev.coldstart.profile.ImportTimeLog.OtherLine;
import dev.coldstart.profile.ImportTimeLog.Warning;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the import tree from rows printed in post-order.
 *
 * <p>CPython prints a module's row when its import finishes, so children come before their
 * parent, and the level is the number of imports still in flight. A stack of finished, not yet
 * adopted nodes does it in one pass (O(rows)): a row at level {@code d} adopts every node above it
 * on the stack that is deeper than {@code d}, in their log order. A node two or more levels deeper
 * than its adopter cannot happen in a whole log; it is adopted anyway and reported.
 *
 * <p>Times are checked on the way: a row's cumulative time is its self time plus its children's
 * cumulative times, up to CPython's rounding (1 µs per child). Rows from several threads
 * importing at once break that (CPython documents the output as unreliable then), and a warning
 * lists them.
 *
 * <p>A header after the first starts a new process's log (several processes writing to one file):
 * whatever is still on the stack becomes roots, and so does what is left at the end of the log.
 * Nodes left that are not at level 0 mean imports that never finished: a truncated log, or a
 * process that died inside an import.
 *
 * <p>Level of a {@code cached} row (3.14 {@code -X importtime=2}): CPython right-aligns the name in
 * {@code 2 * level} columns. With spaces in front, {@code level = (spaces + name length) / 2}
 * exactly. Without, the level is only known to be at most {@code name length / 2}. Between two
 * rows no import finishes, so the in-flight count only grows: the level is at least that of the
 * previous row. The parser takes that least level, which attaches the row to a module that really
 * is on its import chain (the importer or one of its own importers), and marks the depth as not
 * exact unless the two bounds meet.
 */
final class ImportTimeForest {
  private final List<Node> rows = new ArrayList<>();
  private final List<Node> roots = new ArrayList<>();
  private final List<OtherLine> otherLines = new ArrayList<>();
  private final List<Warning> warnings;
  private final List<Node> stack = new ArrayList<>();
  private int previousLevel;
  private int headers;
  private final List<Integer> guessedCachedLines = new ArrayList<>();
  private final List<Integer> timesNotAddingUp = new ArrayList<>();

  private ImportTimeForest(List<Warning> warnings) {
    this.warnings = new ArrayList<>(warnings);
  }

  static ImportTimeLog build(ImportTimeText.Decoded decoded) {
    ImportTimeForest forest = new ImportTimeForest(decoded.warnings());
    List<ImportTimeText.Line> lines = decoded.lines();
    for (ImportTimeText.Line line : lines) {
      forest.accept(ImportTimeLine.classify(line));
    }
    forest.endOfProcess(lines.isEmpty() ? 0 : lines.getLast().number());
    forest.checkLastLine(lines);
    if (!forest.guessedCachedLines.isEmpty()) {
      forest.warnings.add(
          new Warning(
              0,
              forest.guessedCachedLines.size()
                  + " cached row(s) without an exact level (CPython right-aligns their names),"
                  + " placed under the nearest module certainly on their import chain: lines "
                  + abbreviated(forest.guessedCachedLines)));
    }
    if (!forest.timesNotAddingUp.isEmpty()) {
      forest.warnings.add(
          new Warning(
              0,
              forest.timesNotAddingUp.size()
                  + " row(s) whose cumulative time is not self plus their children's (rows of"
                  + " several threads mixed, or rows missing): lines "
                  + abbreviated(forest.timesNotAddingUp)));
    }
    return new ImportTimeLog(
        List.copyOf(forest.roots),
        List.copyOf(forest.rows),
        List.copyOf(forest.otherLines),
        List.copyOf(forest.warnings),
        forest.headers);
  }

  private void accept(ImportTimeLine line) {
    switch (line) {
      case ImportTimeLine.Header h -> {
        if (!h.before().isBlank()) {
          otherLines.add(new OtherLine(h.line().number(), h.before()));
        }
        if (headers++ > 0) {
          warnings.add(
              new Warning(
                  h.line().number(),
                  "header repeated: another process wrote to this log; its rows start a new tree"));
          endOfProcess(h.line().number());
        }
      }
      case ImportTimeLine.Row r -> row(r);
      case ImportTimeLine.Other o -> {
        otherLines.add(new OtherLine(o.line().number(), o.line().text()));
        if (o.looksLikeRow() && o.line().terminated()) {
          warnings.add(new Warning(o.line().number(), "malformed import time row kept as text"));
        }
      }
    }
  }

  private void row(ImportTimeLine.Row r) {
    int number = r.line().number();
    if (!r.before().isEmpty()) {
      otherLines.add(new OtherLine(number, r.before()));
      warnings.add(
          new Warning(number, "a row followed other text on the same line; the text was split off"));
    }
    if (r.cached()) {
      cached(r);
      return;
    }
    if (r.spaces() % 2 != 0) {
      warnings.add(new Warning(number, "odd indent of " + r.spaces() + " spaces; level rounded down"));
    }
    int depth = r.spaces() / 2;
    int from = stack.size();
    while (from > 0 && stack.get(from - 1).depth() > depth) {
      from--;
    }
    List<Node> adopted = stack.subList(from, stack.size());
    List<Node> children = List.copyOf(adopted);
    adopted.clear();
    for (Node child : children) {
      if (child.depth() > depth + 1) {
        warnings.add(
            new Warning(
                child.line(),
                child.module()
                    + " is "
                    + (child.depth() - depth)
                    + " levels below its importer "
                    + r.module()
                    + " (line "
                    + number
                    + "): rows are missing"));
      }
    }
    long childrenUs = 0;
    for (Node child : children) {
      childrenUs += child.cumulativeUs();
    }
    // CPython: self = ceil(cum - exact child times), so each child may add up to 1 µs of rounding.
    long gap = r.cumulativeUs() - r.selfUs() - childrenUs;
    if (gap > 1 || gap < -children.size() - 1) {
      timesNotAddingUp.add(number);
    }
    push(
        new Node(r.module(), r.selfUs(), r.cumulativeUs(), false, depth, true, number, children));
  }

  private void cached(ImportTimeLine.Row r) {
    int length = r.module().length();
    int depth;
    boolean exact;
    if (r.spaces() > 0) {
      exact = (r.spaces() + length) % 2 == 0;
      depth = (r.spaces() + length) / 2;
      if (!exact) {
        warnings.add(
            new Warning(r.line().number(), "cached row whose padding fits no level; rounded down"));
      }
    } else {
      int most = length / 2;
      depth = Math.min(previousLevel, most);
      exact = previousLevel == most;
      if (previousLevel > most) {
        warnings.add(
            new Warning(
                r.line().number(),
                "cached row shallower than the row before it; placed at level " + depth));
      } else if (!exact) {
        guessedCachedLines.add(r.line().number());
      }
    }
    push(new Node(r.module(), 0, 0, true, depth, exact, r.line().number(), List.of()));
  }

  private void push(Node node) {
    stack.add(node);
    rows.add(node);
    previousLevel = node.depth();
  }

  /** Whatever is on the stack becomes roots; a deep one means an import that never finished. */
  private void endOfProcess(int lineNumber) {
    int unfinished = 0;
    for (Node node : stack) {
      if (node.depth() > 0) {
        unfinished++;
      }
    }
    if (unfinished > 0) {
      warnings.add(
          new Warning(
              lineNumber,
              unfinished
                  + " row(s) whose importer never printed its row (log truncated, or the process"
                  + " ended inside an import); kept as roots"));
    }
    roots.addAll(stack);
    stack.clear();
    previousLevel = 0;
  }

  private void checkLastLine(List<ImportTimeText.Line> lines) {
    if (lines.isEmpty() || lines.getLast().terminated()) {
      return;
    }
    ImportTimeText.Line last = lines.getLast();
    String text = last.text();
    boolean rowStart = text.startsWith(ImportTimeLine.PREFIX) || ImportTimeLine.PREFIX.startsWith(text);
    boolean wasRow = !rows.isEmpty() && rows.getLast().line() == last.number();
    if (wasRow) {
      warnings.add(
          new Warning(
              last.number(),
              "the last row has no line end: the log may be truncated and its module name cut"));
    } else if (rowStart) {
      warnings.add(
          new Warning(last.number(), "the log ends in the middle of a row: it was truncated"));
    }
  }

  private static String abbreviated(List<Integer> lines) {
    int shown = Math.min(lines.size(), 10);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      s.append(i == 0 ? "" : ", ").append(lines.get(i));
    }
    return lines.size() > shown ? s + ", ..." : s.toString();
  }
}
