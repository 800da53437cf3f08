package dev.coldstart.source;

import java.util.List;
import java.util.Optional;

/**
 * Everything the scanner learns about one Python source file without running it.
 *
 * @param imports every import statement, in source order (nested ones included)
 * @param dunderAll the module's {@code __all__}, if module-level code binds it
 * @param hasModuleGetattr a module-level {@code __getattr__} is bound (PEP 562)
 * @param hasModuleDir a module-level {@code __dir__} is bound (PEP 562)
 * @param boundNames names bound at module scope (def, class, assignment and for/with targets, import
 *     bindings, type aliases), in order of first binding; blocks like if/try at module level count
 * @param diagnostics what could not be scanned; the rest of the facts are still valid
 * @param lazyModules the module's {@code __lazy_modules__} (PEP 810), if module-level code binds it
 */
public record ModuleFacts(
    List<ImportStatement> imports,
    Optional<DunderAll> dunderAll,
    boolean hasModuleGetattr,
    boolean hasModuleDir,
    List<String> boundNames,
    List<Diagnostic> diagnostics,
    Optional<LazyModules> lazyModules) {
  public ModuleFacts {
    imports = List.copyOf(imports);
    boundNames = List.copyOf(boundNames);
    diagnostics = List.copyOf(diagnostics);
  }

  /** Facts for a file that could not be read at all. */
  public static ModuleFacts unreadable(String message) {
    return new ModuleFacts(
        List.of(), Optional.empty(), false, false, List.of(), List.of(new Diagnostic(0, message)),
        Optional.empty());
  }

  /**
   * The {@code __lazy_modules__} entry that makes statement s's import of {@code module} lazy on
   * Python 3.15+, if any (see {@link LazyModules} for the rules, measured on CPython 3.15.2).
   *
   * @param module for an IMPORT one of its dotted names; for a FROM the module it imports from,
   *     resolved to an absolute name
   */
  public Optional<LazyModules.Entry> lazyEntry(ImportStatement s, String module) {
    if (lazyModules.isEmpty() || s.scope() != Scope.MODULE || s.inTry() || "__future__".equals(module)) {
      return Optional.empty();
    }
    return lazyModules.get().entries().stream()
        .filter(e -> e.module().equals(module) && e.line() < s.line())
        .findFirst();
  }
}
