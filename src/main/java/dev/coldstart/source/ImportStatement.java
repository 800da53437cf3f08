package dev.coldstart.source;

import java.util.List;

/**
 * One {@code import} or {@code from ... import} statement with the context that decides whether it
 * runs at import time. Positions are those of CPython's ast: line and endLine are 1-based, column
 * is the UTF-8 byte offset of the statement's first token (ast's col_offset). See docs/imports.md
 * for the exact meaning of each flag.
 *
 * @param line ast lineno: the line of the statement's first token ({@code lazy}, {@code import} or
 *     {@code from})
 * @param endLine ast end_lineno
 * @param column ast col_offset (UTF-8 bytes)
 * @param kind IMPORT or FROM
 * @param module for FROM, the dotted module after the dots, or null for {@code from . import x};
 *     always null for IMPORT (the dotted names are in names)
 * @param level the number of leading dots of a FROM (0 for absolute and for IMPORT)
 * @param names the aliases, in source order
 * @param lazy written as PEP 810 {@code lazy import} / {@code lazy from ... import}
 * @param scope innermost def (FUNCTION), else class (CLASS), else MODULE
 * @param typeChecking inside the body of {@code if TYPE_CHECKING:} or {@code if X.TYPE_CHECKING:}
 * @param guarded inside the body of a try (up to the innermost def/class) that catches ImportError
 * @param conditional inside a branch, loop, match case or try handler/else/finally of its scope
 * @param text the statement's source text, from its first to its last token
 * @param inTry inside a try statement of its scope (body, handler or finally), where PEP 810 allows
 *     no {@code lazy} and {@code __lazy_modules__} does not apply
 */
public record ImportStatement(
    int line,
    int endLine,
    int column,
    ImportKind kind,
    String module,
    int level,
    List<ImportedName> names,
    boolean lazy,
    Scope scope,
    boolean typeChecking,
    boolean guarded,
    boolean conditional,
    String text,
    boolean inTry) {
  public ImportStatement {
    names = List.copyOf(names);
  }

  /**
   * The modules this statement names directly, before relative resolution: for IMPORT each dotted
   * name, for FROM the module (or "" for {@code from . import x}). A FROM's names may be submodules
   * too; only the layout can tell.
   */
  public List<String> modules() {
    if (kind == ImportKind.FROM) {
      return List.of(module == null ? "" : module);
    }
    return names.stream().map(ImportedName::name).toList();
  }
}
