package dev.coldstart.fix;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fix kinds {@code coldstart fix} knows, by the name users select them with. */
public enum Codemod {
  /** Eager re-exports in a package {@code __init__}: imported on first use instead. */
  REEXPORT("reexport"),
  /** Imports used only in annotations: under {@code if TYPE_CHECKING:}. */
  TYPE_CHECKING("type-checking"),
  /** A module-level import used only inside functions: imported in those functions. */
  FUNCTION_LOCAL("function-local"),
  /** {@code NAME = call(...)} at module level: computed on first access (PEP 562). */
  MODULE_CALL("module-call");

  private final String cliName;

  Codemod(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** The kind named {@code s}, or null. */
  public static Codemod parse(String s) {
    String n = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Codemod c : values()) {
      if (c.cliName.equals(n)) {
        return c;
      }
    }
    return null;
  }

  public static String names() {
    return Arrays.stream(values()).map(Codemod::cliName).collect(Collectors.joining(", "));
  }
}
