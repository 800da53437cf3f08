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
 * @param order what runs when the package is imported (import cycles), shared by the files of a tree
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
    LoadOrder order,
    Options options,
    Shared shared) {

  /**
   * The user's choices.
   *
   * @param style how a lazy {@code __init__} is written
   * @param annotationsDeferred annotations are never evaluated at run time for the Python versions
   *     the project supports (its oldest is 3.14+), even without {@code from __future__ import annotations}
   * @param loadedAnyway modules the program loads whatever it imports
   */
  record Options(Style style, boolean annotationsDeferred, Set<String> loadedAnyway) {}

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

  /**
   * The 1-based last line of the statement that binds TYPE_CHECKING at module level, 0 when the
   * file does not bind it, -1 when it is bound somewhere coldstart cannot place (in a block).
   */
  int typeCheckingLine() {
    for (ImportStatement s : facts.imports()) {
      if (s.scope() == dev.coldstart.source.Scope.MODULE && boundBy(s).contains("TYPE_CHECKING")) {
        return s.column() == 0 && !s.conditional() ? s.endLine() : -1;
      }
    }
    if (!facts.boundNames().contains("TYPE_CHECKING")) {
      return 0;
    }
    for (int i = 0; i < text.lines().size(); i++) {
      if (text.lines().get(i).matches("TYPE_CHECKING\\s*(:\\s*\\w+\\s*)?=.*")) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Edits that put statements under {@code if TYPE_CHECKING:}: runs of adjacent statements share
   * a block, in place; statements above the line that binds TYPE_CHECKING move to a block just
   * after it (in place they would run before the name exists). Defines TYPE_CHECKING first when
   * the file lacks it. Returns null when TYPE_CHECKING is bound where no block can follow it.
   */
  List<Edit> guardEdits(List<ImportStatement> statements) {
    return guardEdits(statements, false);
  }

  /**
   * Like {@link #guardEdits(List)}; with oneBlock every statement goes into a single block where
   * the first one stood (under TYPE_CHECKING they never run, so moving them up changes nothing).
   */
  List<Edit> guardEdits(List<ImportStatement> statements, boolean oneBlock) {
    List<Edit> edits = new java.util.ArrayList<>(typeCheckingDefinition());
    int tc = shared.typeCheckingDefined && !facts.boundNames().contains("TYPE_CHECKING") ? 0 : typeCheckingLine();
    if (tc < 0) {
      return null;
    }
    List<String> lines = text.lines();
    List<String> moved = new java.util.ArrayList<>();
    if (oneBlock && statements.size() > 1) {
      List<String> block = new java.util.ArrayList<>();
      block.add("if TYPE_CHECKING:");
      for (ImportStatement s : statements) {
        for (int k = s.line(); k <= s.endLine(); k++) {
          String l = lines.get(k - 1);
          block.add(l.isEmpty() ? l : "    " + l);
        }
      }
      ImportStatement first = statements.get(0);
      boolean inPlace = first.line() > tc;
      edits.add(Edit.replace(first.line(), first.endLine(), inPlace ? block : List.of()));
      for (ImportStatement s : statements.subList(1, statements.size())) {
        edits.add(Edit.replace(s.line(), s.endLine(), List.of()));
      }
      if (!inPlace) {
        edits.add(Edit.insert(tc, block));
      }
      return edits;
    }
    int i = 0;
    while (i < statements.size()) {
      int j = i;
      while (j + 1 < statements.size() && statements.get(j + 1).line() == statements.get(j).endLine() + 1) {
        j++;
      }
      List<String> body = new java.util.ArrayList<>();
      for (int k = statements.get(i).line(); k <= statements.get(j).endLine(); k++) {
        String l = lines.get(k - 1);
        body.add(l.isEmpty() ? l : "    " + l);
      }
      if (statements.get(i).line() > tc) {
        List<String> block = new java.util.ArrayList<>();
        block.add("if TYPE_CHECKING:");
        block.addAll(body);
        edits.add(Edit.replace(statements.get(i).line(), statements.get(j).endLine(), block));
      } else {
        moved.addAll(body);
        edits.add(Edit.replace(statements.get(i).line(), statements.get(j).endLine(), List.of()));
      }
      i = j + 1;
    }
    if (!moved.isEmpty()) {
      List<String> block = new java.util.ArrayList<>();
      block.add("if TYPE_CHECKING:");
      block.addAll(moved);
      edits.add(Edit.insert(tc, block));
    }
    return edits;
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
