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
 * @param saving predicted saving: summed medians, and the sum of lows to the sum of highs
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
