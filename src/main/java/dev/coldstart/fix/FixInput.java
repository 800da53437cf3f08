package dev.coldstart.fix;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ModuleFacts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a codemod may look at for one file. Codemods are pure functions of this; the only
 * mutable part is {@link Shared}, which lets codemods run one after another on the same file
 * without rewriting the same statement twice or defining {@code TYPE_CHECKING} twice.
 *
 * @param path the file as shown to the user
 * @param module the file's dotted module name (the package's name for an {@code __init__.py})
 * @param packageInit whether the file is a package's {@code __init__.py}
 * @param text the file's lines
 * @param facts the scanner's facts for the file
 * @param uses where each name is used
 * @param view the package around the file
 * @param options what the user asked for
 * @param shared what earlier codemods on this file claimed
 */
record FixInput(
    String path,
    String module,
    boolean packageInit,
    SourceText text,
    ModuleFacts facts,
    NameUses uses,
    PackageView view,
    Options options,
    Shared shared) {

  /**
   * The user's choices.
   *
   * @param style how a lazy {@code __init__} is written
   * @param annotationsDeferred annotations are never evaluated at run time for the Python versions
   *     the project supports (its oldest is 3.14+), even without {@code from __future__ import annotations}
   */
  record Options(Style style, boolean annotationsDeferred) {}

  /** Statements already rewritten by an earlier codemod, and whether TYPE_CHECKING was defined. */
  static final class Shared {
    final Set<Integer> claimedLines = new HashSet<>();
    boolean typeCheckingDefined;
  }

  /** The line a statement can be inserted before so it runs before every import but after {@code __future__} ones. */
  int headerInsertLine() {
    int after = 0;
    int firstImport = -1;
    for (ImportStatement s : facts.imports()) {
      if (s.column() != 0 || s.scope() != dev.coldstart.source.Scope.MODULE) {
        continue;
      }
      if ("__future__".equals(s.module())) {
        after = s.endLine();
      } else if (firstImport < 0) {
        firstImport = s.line() - 1;
      }
    }
    return after > 0 ? after : Math.max(0, firstImport);
  }

  /** Whether a statement is alone on its lines (no ';' sibling, at most a trailing comment). */
  boolean aloneOnLines(ImportStatement s) {
    List<String> lines = text.lines();
    if (s.endLine() > lines.size()) {
      return false;
    }
    String block = String.join("\n", lines.subList(s.line() - 1, s.endLine()));
    int at = block.indexOf(s.text());
    if (at < 0 || !block.substring(0, at).isBlank()) {
      return false;
    }
    String rest = block.substring(at + s.text().length()).strip();
    return rest.isEmpty() || rest.startsWith("#");
  }

  /** The names a statement binds in its scope. */
  static List<String> boundBy(ImportStatement s) {
    return s.names().stream()
        .filter(n -> !n.name().equals("*"))
        .map(n -> n.asname() != null ? n.asname()
            : s.kind() == dev.coldstart.source.ImportKind.IMPORT && n.name().contains(".")
                ? n.name().substring(0, n.name().indexOf('.')) : n.name())
        .toList();
  }

  /** Lines that define TYPE_CHECKING when the file does not have it yet (claims it once). */
  List<Edit> typeCheckingDefinition() {
    if (facts.boundNames().contains("TYPE_CHECKING") || shared.typeCheckingDefined) {
      return List.of();
    }
    shared.typeCheckingDefined = true;
    return List.of(Edit.insert(headerInsertLine(), List.of("TYPE_CHECKING = False")));
  }
}
