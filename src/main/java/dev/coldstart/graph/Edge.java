package dev.coldstart.graph;

import dev.coldstart.source.ImportStatement;

/**
 * One static import edge: module {@code from} makes module {@code to} load.
 *
 * @param from the importing module
 * @param to the imported module
 * @param kind a statement, or the implicit load of a parent package before its submodule
 * @param statement the import statement (null for PARENT edges)
 * @param lazyListed the statement's module is listed in {@code from}'s {@code __lazy_modules__}
 *     (PEP 810), so on Python 3.15+ it does not run at import time
 */
public record Edge(String from, String to, Kind kind, ImportStatement statement, boolean lazyListed) {
  public Edge(String from, String to, Kind kind, ImportStatement statement) {
    this(from, to, kind, statement, false);
  }

  /** Why the edge exists. */
  public enum Kind {
    /** An import statement in {@code from}'s source. */
    IMPORT,
    /** {@code from} is a submodule: its parent package is imported (and run) first. */
    PARENT
  }

  static Edge parent(String module, String parent) {
    return new Edge(module, parent, Kind.PARENT, null);
  }

  /** Runs when its module runs, but only on some paths (if/loop/except/else/match branch). */
  public boolean conditional() {
    return statement != null && statement.conditional();
  }
}
