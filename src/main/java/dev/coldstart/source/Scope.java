package dev.coldstart.source;

/**
 * Where an import statement runs: the innermost enclosing {@code def}/{@code async def} makes it
 * FUNCTION, else the innermost {@code class} makes it CLASS, else MODULE.
 */
public enum Scope {
  MODULE,
  CLASS,
  FUNCTION;

  /** The word used in JSON output: "module", "class" or "function". */
  public String jsonName() {
    return switch (this) {
      case MODULE -> "module";
      case CLASS -> "class";
      case FUNCTION -> "function";
    };
  }
}
