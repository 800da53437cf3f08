package dev.coldstart.graph;

import dev.coldstart.source.ImportStatement;

/**
 * An import the layout cannot satisfy: a module absent from every root (an optional dependency
 * not installed, a typo, a module made at run time) or a relative import that leaves its package.
 * Reported, never fatal.
 *
 * @param importer the importing module
 * @param module the absolute name looked for (for a bad relative import, the dots and name as written)
 * @param statement the statement
 * @param reason "not found" or why a relative import cannot resolve
 * @param lazyListed the statement is lazy through the importer's {@code __lazy_modules__} (PEP 810)
 */
public record Unresolved(String importer, String module, ImportStatement statement, String reason, boolean lazyListed) {
  public Unresolved(String importer, String module, ImportStatement statement, String reason) {
    this(importer, module, statement, reason, false);
  }

  /** The top-level package of a module name ({@code typing} for {@code typing.io}); as written for a bad relative import. */
  public static String topLevel(String module) {
    int dot = module.indexOf('.');
    return module.startsWith(".") || dot < 0 ? module : module.substring(0, dot);
  }
}
