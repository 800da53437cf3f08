package dev.coldstart.rules;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.NameUses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CS104: a module-level import whose names are used only inside function bodies: the module is
 * loaded at import time although nothing runs it until a function is called. Importing it inside
 * those functions (or lazily) moves the cost to the first call.
 *
 * <p>A use counts as "at import time" when it is outside every function body (module and class
 * bodies, decorators, default values, and annotations of module-level definitions unless {@code
 * from __future__ import annotations} is in force), and uses inside a top-level function or class
 * that module-level code names (it may call it at import: {@code TABLE = build()}). Not reported: names in {@code __all__}, unused
 * names, and modules every interpreter has loaded before the program starts ({@link #PRELOADED}),
 * where moving the import saves nothing.
 */
final class FunctionOnlyImportRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS104", "function-only-import", "A module-level import is used only inside functions.");

  /** Loaded by CPython's start-up already (3.8-3.13, with site): importing them again is free. */
  static final Set<String> PRELOADED =
      Set.of("sys", "os", "os.path", "builtins", "abc", "io", "codecs", "stat", "posixpath", "ntpath", "genericpath",
          "_collections_abc", "encodings", "site", "marshal", "errno", "time", "_thread", "__future__", "types",
          "_weakref", "_io", "_abc", "_codecs", "_stat", "_signal", "_sitebuiltins", "zipimport", "_frozen_importlib");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    Set<String> exported = file.facts().dunderAll().map(a -> Set.copyOf(a.names())).orElse(Set.of());
    boolean future = file.uses().futureAnnotations();
    Set<String> runAtImport = file.uses().runAtImport();
    for (ImportStatement s : file.facts().imports()) {
      if (!Imports.runsAtImport(s, file, context) || s.guarded() || Imports.modules(s, file).stream().anyMatch(PRELOADED::contains)) {
        continue;
      }
      Map<String, String> bindings = Imports.bindings(s, file);
      if (bindings.isEmpty()) {
        continue;
      }
      boolean allInFunctions = true;
      for (String name : bindings.keySet()) {
        List<NameUses.Use> uses = file.uses().uses().stream().filter(u -> u.name().equals(name)).toList();
        boolean runtimeInFunction = uses.stream().anyMatch(u -> u.inFunction() && !u.inAnnotation());
        boolean atImport =
            uses.stream()
                .anyMatch(
                    u -> !u.inFunction() && !(u.inAnnotation() && future)
                        || u.inFunction() && !u.inAnnotation() && runAtImport.contains(u.owner()));
        if (exported.contains(name) || !runtimeInFunction || atImport) {
          allInFunctions = false;
        }
      }
      if (!allInFunctions) {
        continue;
      }
      out.add(
          new Finding(
              INFO.code(), file.path(), s.line(), s.column() + 1,
              "`" + s.text() + "` runs at import time, but " + String.join(", ", bindings.keySet())
                  + (bindings.size() == 1 ? " is" : " are") + " used only inside functions.",
              context.lazyImports() && !s.inTry()
                  ? "Make it lazy with PEP 810 (Python " + context.targetVersion() + "+ has it): `lazy " + s.text()
                      + "`; it loads on the first call that uses it."
                  : "Import it in the functions that use it: `coldstart fix --select CS104 " + file.path() + "`."));
    }
    return out;
  }
}
