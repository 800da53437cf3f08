package dev.coldstart.fix;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import dev.coldstart.source.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves module-level imports whose names are used only in annotations under {@code if
 * TYPE_CHECKING:}, where they cost nothing at run time and type checkers still read them.
 *
 * <p>Only where annotations are never evaluated: the module has {@code from __future__ import
 * annotations}, or the project's oldest Python is 3.14+ (PEP 649). Even then a module that reads
 * annotations at run time is refused as a whole: dataclasses, pydantic, attrs, typing.get_type_hints,
 * singledispatch, SQLAlchemy's Mapped, FastAPI/Typer and the like evaluate them. A name used once
 * outside an annotation ({@code isinstance(x, T)}, {@code cast(T, x)}, a base class) keeps its
 * import; a name listed in {@code __all__} too.
 */
final class AnnotationOnlyImports {
  /** Names whose presence means annotations are read at run time. */
  static final Set<String> RUNTIME_ANNOTATION_USERS = Set.of(
      "dataclass", "dataclasses", "pydantic", "BaseModel", "attr", "attrs", "define", "get_type_hints",
      "get_annotations", "singledispatch", "singledispatchmethod", "NamedTuple", "TypedDict",
      "msgspec", "cattrs", "typer", "fastapi", "Depends", "beartype", "typeguard", "Mapped",
      "mapped_column", "sqlmodel", "strawberry", "marshmallow_dataclass", "enforce_types",
      "validate_call", "validate_arguments", "__annotations__");

  private AnnotationOnlyImports() {}

  static Outcome fix(FixInput in) {
    List<ImportStatement> candidates = new ArrayList<>();
    Set<String> exported = new HashSet<>(in.facts().dunderAll().map(a -> a.names()).orElse(List.of()));
    for (ImportStatement s : in.facts().imports()) {
      if (!movable(in, s)) {
        continue;
      }
      List<String> bound = FixInput.boundBy(s);
      boolean onlyAnnotations = !bound.isEmpty();
      for (String b : bound) {
        List<NameUses.Use> uses = in.uses().usesOf(b, s.line(), s.endLine());
        onlyAnnotations &= !uses.isEmpty() && !exported.contains(b)
            && uses.stream().allMatch(u -> u.annotation() && !u.binding());
      }
      if (onlyAnnotations) {
        candidates.add(s);
      }
    }
    if (candidates.isEmpty()) {
      return Outcome.none();
    }
    // The run-time reader comes first: advising `from __future__ import annotations` to a module
    // that would then be refused for it sends the user round in a circle.
    String user = runtimeAnnotationUser(in);
    if (user != null) {
      return Outcome.refused(new Refusal(Codemod.TYPE_CHECKING, 0, null,
          "the module uses '" + user + "', which reads annotations at run time; their names must stay imported"));
    }
    boolean future = in.facts().imports().stream().anyMatch(s -> "__future__".equals(s.module())
        && s.names().stream().anyMatch(n -> n.name().equals("annotations")));
    if (!future && !in.options().annotationsDeferred()) {
      return Outcome.refused(new Refusal(Codemod.TYPE_CHECKING, 0, null,
          candidates.size() + " import(s) are used only in annotations, but annotations are evaluated"
              + " at run time here: add `from __future__ import annotations` (or pass --min-python 3.14)"));
    }
    boolean defined = !in.facts().boundNames().contains("TYPE_CHECKING") && !in.shared().typeCheckingDefined;
    List<Edit> edits = in.guardEdits(candidates, true);
    if (edits == null) {
      return Outcome.refused(new Refusal(Codemod.TYPE_CHECKING, 0, null,
          "TYPE_CHECKING is bound inside a block; coldstart cannot tell where an `if TYPE_CHECKING:` block may follow it"));
    }
    Set<String> removed = new java.util.TreeSet<>();
    List<Change.Deferral> deferred = new ArrayList<>();
    for (ImportStatement s : candidates) {
      removed.addAll(FixInput.boundBy(s));
      deferred.add(new Change.Deferral(s.line(), s.endLine(), s.text()));
      in.shared().claimedLines.add(s.line());
    }
    String summary = candidates.size() + " annotation-only import" + (candidates.size() == 1 ? "" : "s")
        + " moved under TYPE_CHECKING: " + String.join(", ", removed);
    return Outcome.of(new Change(Codemod.TYPE_CHECKING, edits, deferred, removed,
        defined ? Set.of("TYPE_CHECKING") : Set.of(), summary), List.of());
  }

  /** A plain module-level import that could move: unconditional, alone on its lines, not claimed. */
  static boolean movable(FixInput in, ImportStatement s) {
    return s.scope() == Scope.MODULE && s.column() == 0 && !s.conditional() && !s.guarded()
        && !s.typeChecking() && !s.lazy() && !"__future__".equals(s.module())
        && s.names().stream().noneMatch(n -> n.name().equals("*"))
        && !in.shared().claimedLines.contains(s.line())
        && !(s.level() == 0 && in.options().loadedAnyway().containsAll(s.modules()))
        && !(in.packageInit() && LazyReexports.isReexport(s, in.module()))
        && in.aloneOnLines(s);
  }

  private static String runtimeAnnotationUser(FixInput in) {
    for (ImportStatement s : in.facts().imports()) {
      for (String m : s.modules()) {
        String top = m.contains(".") ? m.substring(0, m.indexOf('.')) : m;
        if (RUNTIME_ANNOTATION_USERS.contains(top)) {
          return top;
        }
      }
      for (ImportedName n : s.names()) {
        if (RUNTIME_ANNOTATION_USERS.contains(n.name())) {
          return n.name();
        }
      }
    }
    for (NameUses.Use u : in.uses().uses()) {
      if (RUNTIME_ANNOTATION_USERS.contains(u.name())) {
        return u.name();
      }
    }
    return null;
  }
}
