package dev.coldstart.explain;

import java.util.List;

/**
 * What deferring some imports would save: the self times of the modules that would no longer be
 * loaded at start-up (modules still imported another way save nothing).
 *
 * @param scope a single statement, a package's re-exports, or every import of a module
 * @param importer the module whose statement it is; {@code null} for {@link Scope#EVERY_IMPORT}
 * @param module the module the statement names (or whose every import is deferred)
 * @param site where the statement is; {@code null} when unknown or for every import
 * @param edges the imports deferred
 * @param saving predicted saving of import time (the summed {@code -X importtime} rows, not the
 *     whole process's wall time), in µs: the median of the per-run sums of the freed modules' self
 *     times and its 95 % interval (summed medians, lows and highs when per-run times are unknown).
 *     It holds at the load of the measured runs
 * @param share the same saving as a share of each run's import time (0..1): median of the per-run
 *     ratios and its 95 % interval, which carries over to another load; null when the runs' import
 *     times are unknown
 * @param freed the modules no longer loaded, most expensive first
 * @param kind the fix that defers them, when known
 */
public record Opportunity(
    Scope scope,
    String importer,
    String module,
    ImportSite site,
    List<ImportEdge> edges,
    ModuleCost saving,
    ModuleCost share,
    List<String> freed,
    FixKind kind) {

  /** Which imports an opportunity defers. */
  public enum Scope {
    /** One statement (with the parents and submodules it loads). */
    STATEMENT,
    /**
     * Every re-export of a package's own submodules in its {@code __init__} (site = the first):
     * what making that {@code __init__} lazy defers.
     */
    PACKAGE_INIT,
    /** Every import of one module, in every importer. */
    EVERY_IMPORT
  }
}
