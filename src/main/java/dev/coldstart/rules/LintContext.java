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
 */
record LintContext(List<ModulePattern> heavy, Map<String, List<Reach>> reach, java.util.Set<String> modules) {
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
