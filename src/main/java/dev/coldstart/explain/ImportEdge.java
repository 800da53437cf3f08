package dev.coldstart.explain;

import java.util.List;

/**
 * One import of {@code module} by {@code importer}, as the interpreter performed it.
 *
 * @param importer the importing module ({@link RuntimeImportGraph#ROOT} for the interpreter)
 * @param module the imported module
 * @param site where; {@code null} when no Python frame made it (start-up, C code)
 * @param how how the import concerned the module
 * @param alreadyLoaded the module was in sys.modules before: this import cost nothing itself
 * @param names the names after {@code import} in a {@code from} import (empty otherwise)
 * @param failed the statement raised (an optional dependency probed in try/except, typically)
 * @param seq when it began, in the recorder's order
 */
public record ImportEdge(
    String importer,
    String module,
    ImportSite site,
    How how,
    boolean alreadyLoaded,
    List<String> names,
    boolean failed,
    long seq) {

  /** How an import concerned a module. */
  public enum How {
    /** The module named by the statement ({@code import a.b.c} -> a.b.c). */
    TARGET,
    /** A parent the interpreter imports first ({@code import a.b.c} -> a, a.b). */
    PARENT,
    /** A submodule named after {@code import} ({@code from pkg import sub}). */
    FROMLIST,
    /** {@code importlib.import_module(name)}. */
    IMPORT_MODULE,
    /** A load no Python-level call accounts for (C code, an extension module's init). */
    LOAD,
    /** Loaded by the interpreter before the program started. */
    STARTUP,
    /** The program itself ({@code __main__}). */
    MAIN,
    /** Loaded, but no import of it was seen (put in sys.modules by hand, or by the helper). */
    UNSEEN
  }
}
