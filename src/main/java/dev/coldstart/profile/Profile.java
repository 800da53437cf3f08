package dev.coldstart.profile;

import java.util.List;

/**
 * A finished (or interrupted) profile: what was run, how, and per-module statistics. This record is
 * the JSON document of {@code --format json} (schema {@value #SCHEMA}, documented in
 * docs/profile-json.md); renderers and later verbs read it, and {@code report} reads it back.
 *
 * @param schema always {@value #SCHEMA}; bumped on an incompatible change
 * @param target how the target reads, e.g. {@code import json}
 * @param python the interpreter
 * @param machine where it ran
 * @param startedAt ISO-8601 time of the first run
 * @param runs measured target runs
 * @param warmup unrecorded warm-up runs of each kind
 * @param constraints limits the runs ran under, as "name=value" (empty: none)
 * @param wallMs target process wall time
 * @param bareWallMs bare interpreter ({@code -c pass}) wall time, or null when not measured
 * @param aboveBareMs the target's wall time minus the bare interpreter's (Hodges-Lehmann shift)
 * @param importMs the sum of top-level cumulative import time per run
 * @param bareImportMs the same for the bare interpreter
 * @param moduleCount modules imported by a target run (median)
 * @param bareModuleCount modules imported by a bare run (median)
 * @param modules one entry per module seen, sorted by median cumulative time, largest first
 * @param tree the import tree of one representative run, as module names
 * @param notes things the user should know to read the numbers right
 * @param stoppedBy why sampling ended before all runs, or null
 */
public record Profile(
    String schema,
    String target,
    PythonInfo python,
    MachineInfo machine,
    String startedAt,
    int runs,
    int warmup,
    List<String> constraints,
    Estimate wallMs,
    Estimate bareWallMs,
    Shift aboveBareMs,
    Estimate importMs,
    Estimate bareImportMs,
    double moduleCount,
    double bareModuleCount,
    List<ModuleStat> modules,
    List<TreeNode> tree,
    List<String> notes,
    String stoppedBy) {

  public static final String SCHEMA = "coldstart.profile/1";

  /** The interpreter, as reports show it. */
  public record PythonInfo(
      String executable, String version, String implementation, boolean dontWriteBytecode) {}

  /** The machine, as reports show it. */
  public record MachineInfo(String os, String arch, int cpus, String javaVersion) {}

  /**
   * A median with a distribution-free confidence interval.
   *
   * @param median the sample median
   * @param low lower bound of the interval
   * @param high upper bound of the interval
   * @param confidence the interval's actual coverage (at least the requested one when n allows)
   * @param n sample size
   */
  public record Estimate(double median, double low, double high, double confidence, int n) {}

  /**
   * A difference between two samples.
   *
   * @param estimate Hodges-Lehmann estimate of the shift (A minus B)
   * @param low lower bound of its confidence interval
   * @param high upper bound
   * @param pValue two-sided Mann-Whitney p-value
   */
  public record Shift(double estimate, double low, double high, double pValue) {}

  /**
   * One module.
   *
   * @param name dotted module name
   * @param selfMs time in the module's own body, its imports excluded
   * @param cumulativeMs time including everything it imported first
   * @param runs in how many target runs it was imported (less than all: it varies between runs)
   * @param file its file, or null (built-in, frozen, namespace package, or unknown)
   * @param extension a compiled extension module (.so/.pyd)
   * @param failed its import raised: it printed a row but was not loaded at exit
   * @param bare also imported by the bare interpreter (start-up cost, not the target's)
   * @param depth its nesting level in the representative tree (0 = imported by the target)
   */
  public record ModuleStat(
      String name,
      Estimate selfMs,
      Estimate cumulativeMs,
      int runs,
      String file,
      boolean extension,
      boolean failed,
      boolean bare,
      int depth) {}

  /** A node of the representative import tree; statistics are in {@link #modules()}. */
  public record TreeNode(String name, List<TreeNode> children) {}
}
