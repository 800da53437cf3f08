package dev.coldstart.store;

import java.util.List;

/**
 * The recordings of one entry point on one interpreter, machine and set of limits, in commit
 * order: the only measurements history ever compares with each other. The JSON names are the
 * {@code coldstart.history/1} contract (docs/history.md).
 *
 * @param entry the entry point
 * @param interpreter the implementation, e.g. CPython
 * @param python its version
 * @param machine the machine fingerprint ({@link Machine#id()})
 * @param machineDescription how the machine reads
 * @param limits the limits the runs ran under ("" for none)
 * @param points the recordings, oldest commit first
 * @param changePoints where the series shifts, in order
 */
public record Series(
    String entry,
    String interpreter,
    String python,
    String machine,
    String machineDescription,
    String limits,
    List<Point> points,
    List<ChangePoint> changePoints) {

  /** This series with {@code changePoints}. */
  public Series withChangePoints(List<ChangePoint> found) {
    return new Series(entry, interpreter, python, machine, machineDescription, limits, points, List.copyOf(found));
  }

  /**
   * One recording: the entry's import time (sum of top-level cumulative {@code -X importtime} per
   * run), median with its 95 % interval.
   *
   * @param commit full commit id, or null (not a git checkout)
   * @param subject the commit's subject
   * @param branch the branch recorded on
   * @param dirty recorded with uncommitted changes
   * @param recordedAt ISO-8601 time of recording
   * @param median median import time, ms
   * @param low lower end of its interval
   * @param high upper end
   * @param runs measured runs
   */
  public record Point(
      String commit,
      String subject,
      String branch,
      boolean dirty,
      String recordedAt,
      double median,
      double low,
      double high,
      int runs) {}

  /**
   * A shift in the series: points before {@code index} differ from points from {@code index} on.
   *
   * @param index the first point after the change
   * @param commit that point's commit
   * @param before median of the runs before, ms
   * @param after median of the runs after, ms
   * @param shift Hodges-Lehmann shift from before to after (stats/Shift over the runs' samples)
   * @param low lower end of its 95 % interval
   * @param high upper end
   * @param p the change-point test's p-value
   */
  public record ChangePoint(
      int index, String commit, double before, double after, double shift, double low, double high, double p) {}
}
