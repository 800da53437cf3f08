package dev.coldstart.rules;

import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * CS101: a package {@code __init__.py} that imports its own submodules at module level to re-export
 * their names. Python runs a package's {@code __init__} before any of its submodules, so every
 * {@code import pkg.anything} pays for every submodule the {@code __init__} re-exports and all they
 * import (Opentrons robot-server, github.com/Opentrons/opentrons pull 14480: ~45 s of a 74 s start). Reported per statement: module scope, outside {@code if
 * TYPE_CHECKING:}, not PEP 810 {@code lazy}, importing from the package itself (relative, or
 * absolute with the package's name).
 */
final class EagerReexportRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS101", "eager-reexport", "A package __init__ imports its submodules eagerly to re-export their names.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    if (!file.packageInit()) {
      return out;
    }
    for (ImportStatement s : file.facts().imports()) {
      if (!Imports.runsAtImport(s, file, context) || s.kind() != ImportKind.FROM) {
        continue;
      }
      String from = Imports.fromModule(s, file);
      if (from == null || !Imports.inPackage(from, file)) {
        continue;
      }
      String what = from.equals(file.module()) ? "submodules " + names(s) : from;
      out.add(
          new Finding(
              INFO.code(), file.path(), s.line(), s.column() + 1,
              "`" + s.text() + "` runs " + what + " whenever any " + file.module()
                  + " submodule is imported, even one that needs none of it.",
              context.lazyImports()
                  ? "Make it lazy with PEP 810 (Python " + context.targetVersion() + "+ has it): `lazy " + s.text()
                      + "`: `coldstart fix --style pep810 " + file.path() + "`."
                  : "Load re-exported names on first use with a module __getattr__ (PEP 562): `coldstart fix --select CS101 "
                  + file.path() + "`."));
    }
    return out;
  }

  private static String names(ImportStatement s) {
    return String.join(", ", s.names().stream().map(n -> n.name()).toList());
  }
}
