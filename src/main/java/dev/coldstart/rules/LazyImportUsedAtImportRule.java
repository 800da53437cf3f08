package dev.coldstart.rules;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.NameUses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CS108: a PEP 810 lazy import (the {@code lazy} keyword, or a module listed in {@code
 * __lazy_modules__}) whose name is used at module or class level. The first use reifies the import,
 * so it still runs while the module is being imported and the laziness buys nothing; worse, it
 * looks deferred to a reader. Uses count as at import time as for CS104: outside every function
 * body (module and class bodies, decorators, default values), or inside a top-level function or
 * class that module-level code names. Annotations do not count: on 3.14+ (every Python that has
 * lazy imports) they are evaluated only when asked for (PEP 649).
 *
 * <p>Imports made lazy by {@code __lazy_modules__} are checked only when the project targets 3.15+
 * (older Pythons ignore the list, so there the import is simply eager: CS101 to CS104 apply).
 */
final class LazyImportUsedAtImportRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS108", "lazy-import-used-at-import", "A lazy import is used at module or class level, so it runs at import time anyway.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    Set<String> runAtImport = file.uses().runAtImport();
    for (ImportStatement s : file.facts().imports()) {
      String how = LazyImports.how(s, file, context);
      if (how == null) {
        continue;
      }
      Map<String, String> bindings = Imports.bindings(s, file);
      for (String name : bindings.keySet()) {
        NameUses.Use first = null;
        for (NameUses.Use u : file.uses().uses()) {
          boolean atImport = !u.inAnnotation()
              && (!u.inFunction() || runAtImport.contains(u.owner()));
          if (u.name().equals(name) && u.line() > s.endLine() && atImport) {
            first = u;
            break;
          }
        }
        if (first == null) {
          continue;
        }
        out.add(new Finding(
            INFO.code(), file.path(), s.line(), s.column() + 1,
            "`" + s.text() + "` is lazy (" + how + ") but " + name + " is used at import time at "
                + file.path() + ":" + first.line() + (first.inFunction() ? " (in " + first.owner()
                + ", which module-level code calls)" : "") + ", which loads it there.",
            "Move that use into a function, or import it eagerly if the module needs it at import time."));
        break;
      }
    }
    return out;
  }
}
