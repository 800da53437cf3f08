package dev.coldstart.explain;

import java.util.List;

/**
 * A lazy import of the program (Python 3.15+, PEP 810): where it was declared lazy and, when
 * something used it, where and by what it was reified. A lazy import reified while the program
 * starts still costs start-up its module; one never reified is avoided.
 *
 * @param module the module, resolved (relative imports arrive absolute)
 * @param importer the module that declared it
 * @param declared where it was declared: the {@code lazy} statement, or the import statement that
 *     {@code __lazy_modules__} or the global mode made lazy; null when unknown
 * @param how what made it lazy
 * @param filter the program had set a lazy imports filter, which let it stay lazy
 * @param names the names of a {@code from} import, else empty
 * @param reified its first use, or null when nothing used it during the run
 * @param loaded the module was loaded at the end of the run anyway (another import loaded it)
 */
public record LazyImport(
    String module,
    String importer,
    ImportSite declared,
    Declaration how,
    boolean filter,
    List<String> names,
    Use reified,
    boolean loaded) {

  /** What made an import lazy. */
  public enum Declaration {
    /** A {@code lazy import} or {@code lazy from ... import} statement. */
    LAZY_STATEMENT,
    /** The importer's {@code __lazy_modules__} lists the module. */
    LAZY_MODULES,
    /** The global mode {@code all} ({@code -X lazy_imports=all}, {@code PYTHON_LAZY_IMPORTS}). */
    GLOBAL_MODE
  }

  /**
   * The first use of a lazy import, which imported it (reification).
   *
   * @param module the module whose code used it
   * @param site the line of the use
   * @param function the function the use is in; null at module level
   * @param edges the imports the reification made, in the runtime graph
   */
  public record Use(String module, ImportSite site, String function, List<ImportEdge> edges) {}

  /** Nothing used it and nothing else loaded its module: start-up did not pay for it. */
  public boolean avoided() {
    return reified == null && !loaded;
  }
}
