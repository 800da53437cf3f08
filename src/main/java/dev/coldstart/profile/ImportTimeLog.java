package dev.coldstart.profile;

import java.util.List;
import java.util.Locale;

/**
 * One parsed {@code python -X importtime} log: the rows rebuilt into the import forest, the rows
 * in log order, the lines that were not rows (the target's own stderr), and what looked wrong.
 *
 * <p>Parsing never throws: a line that is not a row is kept as an {@link OtherLine}, and anything
 * doubtful (truncation, odd indents, a repeated header, undecodable bytes) becomes a {@link
 * Warning}. See docs/importtime-format.md for the format and its traps; the work is split between
 * {@link ImportTimeText} (bytes to lines), {@link ImportTimeLine} (what a line is) and {@link
 * ImportTimeForest} (post-order rows to a tree).
 *
 * @param roots top-level imports, and rows whose importer never printed a row, in log order
 * @param rows every row in log order, which is post-order (children before their importer)
 * @param otherLines lines that are not rows or headers, in log order
 * @param warnings what looked wrong, in the order noticed
 * @param headers how many header lines were seen (one per process that wrote rows)
 */
public record ImportTimeLog(
    List<Node> roots,
    List<Node> rows,
    List<OtherLine> otherLines,
    List<Warning> warnings,
    int headers) {

  /** Parses a log as saved to a file: UTF-8, UTF-16 with a byte order mark, any line ends. */
  public static ImportTimeLog parse(byte[] raw) {
    return ImportTimeForest.build(ImportTimeText.decode(raw));
  }

  /** Parses a log already decoded to text (e.g. captured stderr). */
  public static ImportTimeLog parse(String text) {
    return ImportTimeForest.build(ImportTimeText.decode(text));
  }

  /**
   * One row of the log, with the rows printed before it at a deeper level as its children.
   *
   * @param module the module's full dotted name, as printed
   * @param selfUs microseconds spent in this module's own import, children excluded; 0 if cached
   * @param cumulativeUs microseconds including everything it imported first; 0 if cached
   * @param cached a 3.14 {@code -X importtime=2} row: the module was already loaded, no time
   * @param depth the nesting level (0 = imported by the target or at start-up)
   * @param depthExact false only for a cached row whose level the log cannot pin down
   * @param line the 1-based line number of the row in the log
   * @param children the imports this one triggered, in import order
   */
  public record Node(
      String module,
      long selfUs,
      long cumulativeUs,
      boolean cached,
      int depth,
      boolean depthExact,
      int line,
      List<Node> children) {

    /**
     * Whether this node is a parent package of {@code other}: for {@code import a.b.c} Python
     * imports {@code a} and {@code a.b} first, and their rows nest under {@code a.b.c}'s although
     * {@code a.b.c} did not import them. A caller building "who imported what" checks this
     * against the enclosing node.
     */
    public boolean isParentPackageOf(Node other) {
      return other.module.length() > module.length()
          && other.module.startsWith(module)
          && other.module.charAt(module.length()) == '.';
    }

    /** This node and everything below it, in log (post-)order. */
    public List<Node> subtree() {
      List<Node> out = new java.util.ArrayList<>();
      collect(this, out);
      return out;
    }

    private static void collect(Node node, List<Node> out) {
      for (Node child : node.children) {
        collect(child, out);
      }
      out.add(node);
    }
  }

  /** A line that is not a row: usually the target's own stderr. */
  public record OtherLine(int line, String text) {}

  /** Something doubtful about the log; {@code line} is 0 when it is about the whole log. */
  public record Warning(int line, String message) {
    @Override
    public String toString() {
      return (line > 0 ? "line " + line + ": " : "") + message;
    }
  }

  /** Whether the interpreter that wrote the log knows {@code -X importtime}. */
  public enum Support {
    /** Rows were printed. */
    SUPPORTED(""),
    /** Python 2 (and 3.0, 3.1) refuse {@code -X} and exit with status 2 before running anything. */
    FLAG_REJECTED("it rejected the -X option (Python 2)"),
    /** Python 3.2 to 3.6 accept any {@code -X} option and ignore it: no header, no rows. */
    FLAG_IGNORED("no import time rows at all (Python 3.6 and older ignore the option)");

    private final String reason;

    Support(String reason) {
      this.reason = reason;
    }

    public boolean supported() {
      return this == SUPPORTED;
    }

    /** A sentence for the user, empty when supported. */
    public String message() {
      return supported()
          ? ""
          : "this interpreter does not support -X importtime (Python 3.7+ needed): " + reason;
    }
  }

  /** Decides from this log alone (a log that is the interpreter's whole stderr). */
  public Support support() {
    return support(this, "");
  }

  /**
   * Decides whether the interpreter supports {@code -X importtime}, from the parsed log and the
   * interpreter's stderr when the two were captured apart (pass "" when the log is the stderr).
   */
  public static Support support(ImportTimeLog log, String interpreterStderr) {
    if (!log.rows.isEmpty() || log.headers > 0) {
      return Support.SUPPORTED;
    }
    StringBuilder text = new StringBuilder(interpreterStderr == null ? "" : interpreterStderr);
    for (OtherLine other : log.otherLines) {
      text.append('\n').append(other.text());
    }
    String all = text.toString().toLowerCase(Locale.ROOT);
    // 2.7: "-X is reserved for implementation-specific arguments"; older: "Unknown option: -X".
    if (all.contains("-x is reserved for implementation-specific arguments")
        || all.contains("unknown option: -x")) {
      return Support.FLAG_REJECTED;
    }
    return Support.FLAG_IGNORED;
  }
}
