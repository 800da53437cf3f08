package dev.coldstart.rules;

import dev.coldstart.gate.ModulePattern;
import dev.coldstart.source.ImportStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * CS105: an import statement, in a module an entry of {@code [tool.coldstart]} reaches statically,
 * of a module that entry forbids. The runtime check ({@code coldstart check}) finds the same thing
 * by running the entry; this finds it without running anything, at the statement to change.
 *
 * <p>Reachability is computed by {@link StaticReach} over the linted files: module-level imports
 * (outside {@code TYPE_CHECKING}, not lazy) plus the parent packages Python runs first.
 */
final class ForbiddenImportRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS105", "forbidden-import", "A module an entry reaches statically imports a module the entry forbids.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    List<LintContext.Reach> reaches = context.reach().getOrDefault(file.module(), List.of());
    if (reaches.isEmpty()) {
      return out;
    }
    for (ImportStatement s : file.facts().imports()) {
      if (!Imports.runsAtImport(s)) {
        continue;
      }
      found:
      for (LintContext.Reach r : reaches) {
        for (String m : candidates(s, file, context)) {
          for (ModulePattern p : r.forbid()) {
            if (p.matches(m)) {
              out.add(
                  new Finding(
                      INFO.code(), file.path(), s.line(), s.column() + 1,
                      "`" + s.text() + "` imports " + m + ", which entry '" + r.entry() + "' forbids (" + p
                          + "); the entry reaches this module: " + String.join(" -> ", r.chain()) + ".",
                      r.program() == null
                          ? "Defer this import, or break the chain at a cheaper link."
                          : "Defer this import, or break the chain at a cheaper link: `coldstart why " + m + " "
                              + r.program() + "` shows every hop with its statement."));
              break found;
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The modules a statement surely loads: IMPORT's names; FROM's module, and {@code module.name}
   * only when that is a linted module (otherwise {@code name} may be a plain attribute).
   */
  private static List<String> candidates(ImportStatement s, PythonFile file, LintContext context) {
    List<String> all = Imports.modules(s, file);
    if (s.kind() == dev.coldstart.source.ImportKind.IMPORT || all.isEmpty()) {
      return all;
    }
    List<String> out = new ArrayList<>();
    out.add(all.get(0));
    all.subList(1, all.size()).stream().filter(context.modules()::contains).forEach(out::add);
    return out;
  }
}
