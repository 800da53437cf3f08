package dev.coldstart.rules;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.NameUses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CS103: an import that runs at import time although the names it binds are used only in type
 * annotations. Under {@code if TYPE_CHECKING:} (with {@code from __future__ import annotations}, or
 * quoted annotations) type checkers still see it and the program does not pay for it.
 *
 * <p>Not reported: names listed in {@code __all__} (re-exports), names never used (another rule's
 * business), {@code __future__} imports, and files that import a library that reads annotations at
 * run time ({@link #RUNTIME_ANNOTATIONS}: pydantic models, attrs classes, typer commands... need the
 * real objects).
 */
final class AnnotationOnlyImportRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS103", "annotation-only-import", "An import runs at import time but its names are used only in type annotations.");

  static final Set<String> RUNTIME_ANNOTATIONS =
      Set.of("pydantic", "attrs", "attr", "msgspec", "cattrs", "typer", "fastapi", "beartype", "typeguard", "strawberry",
          "marshmallow_dataclass", "dataclasses_json", "sqlmodel");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    if (readsAnnotationsAtRunTime(file)) {
      return out;
    }
    Set<String> exported = file.facts().dunderAll().map(a -> Set.copyOf(a.names())).orElse(Set.of());
    for (ImportStatement s : file.facts().imports()) {
      if (!Imports.runsAtImport(s, file, context) || "__future__".equals(s.module())) {
        continue;
      }
      List<String> annotationOnly = new ArrayList<>();
      for (Map.Entry<String, String> b : Imports.bindings(s, file).entrySet()) {
        String name = b.getKey();
        List<NameUses.Use> uses = file.uses().uses().stream().filter(u -> u.name().equals(name)).toList();
        if (!exported.contains(name) && !uses.isEmpty() && uses.stream().allMatch(NameUses.Use::inAnnotation)) {
          annotationOnly.add(name);
        }
      }
      if (annotationOnly.isEmpty() || annotationOnly.size() < Imports.bindings(s, file).size()) {
        continue; // some name is needed at run time: the statement must stay
      }
      out.add(
          new Finding(
              INFO.code(), file.path(), s.line(), s.column() + 1,
              "`" + s.text() + "` runs at import time, but " + String.join(", ", annotationOnly)
                  + (annotationOnly.size() == 1 ? " is" : " are") + " used only in type annotations.",
              "Move it under `if TYPE_CHECKING:`"
                  + (file.uses().futureAnnotations() ? "" : " and add `from __future__ import annotations`")
                  + ": `coldstart fix --select CS103 " + file.path() + "`."));
    }
    return out;
  }

  static boolean readsAnnotationsAtRunTime(PythonFile file) {
    for (ImportStatement s : file.facts().imports()) {
      for (String m : Imports.modules(s, file)) {
        String top = m.contains(".") ? m.substring(0, m.indexOf('.')) : m;
        if (RUNTIME_ANNOTATIONS.contains(top)) {
          return true;
        }
      }
    }
    return false;
  }
}
