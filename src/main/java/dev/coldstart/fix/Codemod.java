package dev.coldstart.fix;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fix kinds {@code coldstart fix} knows, by the name users select them with, and the lint rule
 * codes whose findings each one fixes (so the {@code coldstart fix --select CODE PATH} that a lint
 * finding prints selects the right codemod).
 */
public enum Codemod {
  /** Eager re-exports in a package {@code __init__}: imported on first use instead (CS101). */
  REEXPORT("reexport", "CS101"),
  /** Imports used only in annotations: under {@code if TYPE_CHECKING:} (CS103). */
  TYPE_CHECKING("type-checking", "CS103"),
  /**
   * A module-level import used only inside functions: imported in those functions (CS104, and the
   * heavy {@code __init__} imports of CS102 that only functions use).
   */
  FUNCTION_LOCAL("function-local", "CS104", "CS102"),
  /**
   * {@code NAME = call(...)} at module level: computed on first access (PEP 562); explain's
   * {@code compute-on-first-access} opportunities, no lint rule.
   */
  MODULE_CALL("module-call");

  private final String cliName;
  private final List<String> rules;

  Codemod(String cliName, String... rules) {
    this.cliName = cliName;
    this.rules = List.of(rules);
  }

  public String cliName() {
    return cliName;
  }

  /** The lint rule codes whose findings this codemod fixes. */
  public List<String> rules() {
    return rules;
  }

  /** The kind named {@code s}, by its name or by a rule code it fixes (CS101), or null. */
  public static Codemod parse(String s) {
    String n = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Codemod c : values()) {
      if (c.cliName.equals(n) || c.rules.stream().anyMatch(r -> r.equalsIgnoreCase(n))) {
        return c;
      }
    }
    return null;
  }

  /** The kind names and the rule codes they fix, for messages: "reexport (CS101), ...". */
  public static String names() {
    return Arrays.stream(values())
        .map(c -> c.rules.isEmpty() ? c.cliName : c.cliName + " (" + String.join(", ", c.rules) + ")")
        .collect(Collectors.joining(", "));
  }
}
