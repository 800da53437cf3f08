package dev.coldstart.rules;

import dev.coldstart.gate.ModulePattern;
import java.util.List;
import java.util.Map;

/**
 * What rules know beyond the file they look at.
 *
 * @param heavy module patterns CS102 treats as heavy (the configuration's and the known ones)
 * @param reach for CS105: each linted module an entry reaches statically, with the entry's name,
 *     its forbidden patterns and the chain of modules from the entry
 * @param modules the dotted names of every linted Python file
 * @param targetVersion the oldest Python the project supports ("3.15", from --target-version or
 *     requires-python), or null when unknown
 */
record LintContext(List<ModulePattern> heavy, Map<String, List<Reach>> reach, java.util.Set<String> modules,
    String targetVersion) {
  LintContext(List<ModulePattern> heavy, Map<String, List<Reach>> reach, java.util.Set<String> modules) {
    this(heavy, reach, modules, null);
  }

  /** Every supported Python has PEP 810 lazy imports (3.15+): suggest them, honour __lazy_modules__. */
  boolean lazyImports() {
    if (targetVersion == null) {
      return false;
    }
    String[] p = targetVersion.split("\\.");
    int major = Integer.parseInt(p[0]);
    return major > 3 || major == 3 && p.length > 1 && Integer.parseInt(p[1]) >= 15;
  }

  /**
   * A module reached by an entry.
   *
   * @param entry the entry's name
   * @param forbid the entry's forbidden patterns
   * @param chain the modules from the entry's first module to this one
   * @param program how {@code coldstart why} names the entry's program ({@code --from fleet.version},
   *     {@code -m app}, {@code -c '...'}), or null when it runs nothing (a log)
   */
  record Reach(String entry, List<ModulePattern> forbid, List<String> chain, String program) {}
}
