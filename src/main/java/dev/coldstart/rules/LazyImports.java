package dev.coldstart.rules;

import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.LazyModules;
import dev.coldstart.source.Scope;
import java.util.Optional;

/** Whether an import statement is lazy under PEP 810, for the rules. */
final class LazyImports {
  private LazyImports() {}

  /**
   * How s is lazy: "lazy keyword", "__lazy_modules__ line N" (only when the project targets 3.15+,
   * since older Pythons ignore the list), or null when it runs eagerly.
   */
  static String how(ImportStatement s, PythonFile file, LintContext context) {
    if (s.scope() != Scope.MODULE || s.typeChecking()) {
      return null;
    }
    if (s.lazy()) {
      return "lazy keyword";
    }
    if (!context.lazyImports()) {
      return null;
    }
    Optional<LazyModules.Entry> e = entry(s, file);
    return e.map(x -> "\"" + x.module() + "\" in __lazy_modules__, line " + x.line()).orElse(null);
  }

  /** The __lazy_modules__ entry that makes s lazy on 3.15+ (for IMPORT: every name must be listed). */
  static Optional<LazyModules.Entry> entry(ImportStatement s, PythonFile file) {
    if (s.kind() == ImportKind.FROM) {
      String from = Imports.fromModule(s, file);
      return from == null ? Optional.empty() : file.facts().lazyEntry(s, from);
    }
    Optional<LazyModules.Entry> first = Optional.empty();
    for (var n : s.names()) {
      Optional<LazyModules.Entry> e = file.facts().lazyEntry(s, n.name());
      if (e.isEmpty()) {
        return Optional.empty();
      }
      if (first.isEmpty()) {
        first = e;
      }
    }
    return first;
  }
}
