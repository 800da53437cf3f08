package dev.coldstart.profile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one line of a {@code -X importtime} log is: the header, a row, or anything else (the
 * target's own stderr).
 *
 * <p>CPython (Python/import.c, 3.7 to 3.14) prints a row with {@code "import time: %9ld | %10ld |
 * %*s%s"}: self and cumulative microseconds, then {@code 2 * level} spaces and the module name.
 * Under {@code -X importtime=2} (3.14) a module found already loaded prints {@code "import time:
 * cached    | cached     | %*s"} with the level width applied to the name itself, so the name is
 * right-aligned in a field of {@code 2 * level} columns, not indented by it: the row keeps the raw
 * count of spaces and {@link ImportTimeForest} works out the level.
 *
 * <p>Rows are matched strictly from the start of the line. A line that has other text first and
 * a whole row after it (the target wrote to stderr without a line end and flushed) yields the row
 * with the text before it kept aside.
 */
sealed interface ImportTimeLine {
  String HEADER = "import time: self [us] | cumulative | imported package";
  String PREFIX = "import time:";

  ImportTimeText.Line line();

  /** The header CPython prints once per process before its first row. */
  record Header(ImportTimeText.Line line, String before) implements ImportTimeLine {}

  /**
   * A row. {@code selfUs} and {@code cumulativeUs} are 0 for a cached row; {@code spaces} is the
   * count of spaces between {@code "| "} and the name; {@code before} is text glued in front.
   */
  record Row(
      ImportTimeText.Line line,
      String module,
      long selfUs,
      long cumulativeUs,
      boolean cached,
      int spaces,
      String before)
      implements ImportTimeLine {}

  /** Anything else; {@code looksLikeRow} when it starts like a row but does not parse as one. */
  record Other(ImportTimeText.Line line, boolean looksLikeRow) implements ImportTimeLine {}

  // Numbers may overflow their %9ld / %10ld width (over 16 minutes), hence " +" not fixed widths.
  Pattern ROW =
      Pattern.compile(
          "import time: +(-?\\d+|cached) +\\| +(-?\\d+|cached) +\\| ( *)(\\S+)[ \\t]*");

  static ImportTimeLine classify(ImportTimeText.Line line) {
    String text = line.text();
    int header = text.indexOf(HEADER);
    if (header >= 0) {
      // Windows PowerShell 5 prefixes the first stderr line with "python : ".
      return new Header(line, text.substring(0, header));
    }
    Row row = row(line, text, "");
    if (row != null) {
      return row;
    }
    int glued = text.indexOf(PREFIX, 1);
    while (glued > 0) {
      row = row(line, text.substring(glued), text.substring(0, glued));
      if (row != null) {
        return row;
      }
      glued = text.indexOf(PREFIX, glued + 1);
    }
    return new Other(line, text.startsWith(PREFIX));
  }

  private static Row row(ImportTimeText.Line line, String text, String before) {
    if (!text.startsWith(PREFIX)) {
      return null;
    }
    Matcher m = ROW.matcher(text);
    if (!m.matches()) {
      return null;
    }
    boolean selfCached = m.group(1).equals("cached");
    boolean cumulativeCached = m.group(2).equals("cached");
    if (selfCached != cumulativeCached) {
      return null;
    }
    long self = 0;
    long cumulative = 0;
    if (!selfCached) {
      try {
        self = Long.parseLong(m.group(1));
        cumulative = Long.parseLong(m.group(2));
      } catch (NumberFormatException e) { // more digits than a long holds: not a real row
        return null;
      }
    }
    return new Row(
        line, m.group(4), self, cumulative, selfCached, m.group(3).length(), before);
  }
}
