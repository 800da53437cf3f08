package dev.coldstart.rules;

import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.LazyModules;
import java.util.ArrayList;
import java.util.List;

/**
 * CS109: a {@code __lazy_modules__} entry that no import statement of the file makes lazy. CPython
 * 3.15 compares the full name an import statement imports, exactly: {@code import xml.dom} needs
 * {@code "xml.dom"} ({@code "xml"} does nothing for it), {@code from .a import A} in package
 * {@code pkg} needs {@code "pkg.a"}, and only imports that run after the list is bound, at module
 * level and outside try statements, are affected. An entry that matches nothing is a typo or a
 * leftover, and the import the author meant to defer still runs at import time.
 */
final class UnmatchedLazyModuleRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS109", "unmatched-lazy-module", "A __lazy_modules__ entry matches no import in the file.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    var declared = file.facts().lazyModules();
    if (declared.isEmpty()) {
      return out;
    }
    for (LazyModules.Entry e : declared.get().entries()) {
      boolean matched = false;
      String near = null;
      for (ImportStatement s : file.facts().imports()) {
        for (String m : imported(s, file)) {
          if (m.equals(e.module())) {
            if (file.facts().lazyEntry(s, m).isPresent()) {
              matched = true;
            } else if (near == null) {
              near = "`" + s.text() + "` (line " + s.line() + ") imports it, but "
                  + (s.line() < e.line() ? "before the list is bound"
                      : s.inTry() ? "inside a try statement" : "inside a " + s.scope().name().toLowerCase(java.util.Locale.ROOT))
                  + ", where __lazy_modules__ does not apply";
            }
          } else if (near == null && m.startsWith(e.module() + ".")) {
            near = "`" + s.text() + "` (line " + s.line() + ") imports " + m
                + "; the list must name that module exactly: \"" + m + "\"";
          }
        }
      }
      if (matched) {
        continue;
      }
      out.add(new Finding(
          INFO.code(), file.path(), e.line(), 1,
          "\"" + e.module() + "\" in __lazy_modules__ matches no import in this file"
              + (near == null ? "" : ": " + near) + ".",
          near == null ? "Remove the entry, or list the module an import statement below it imports (full name, as resolved)."
              : "List the exact module, after the list and at module level outside try (or use `lazy import` on 3.15+)."));
    }
    return out;
  }

  /** The full module names a statement imports, as __lazy_modules__ compares them. */
  private static List<String> imported(ImportStatement s, PythonFile file) {
    if (s.kind() == ImportKind.FROM) {
      String from = Imports.fromModule(s, file);
      return from == null ? List.of() : List.of(from);
    }
    return s.names().stream().map(n -> n.name()).toList();
  }
}
