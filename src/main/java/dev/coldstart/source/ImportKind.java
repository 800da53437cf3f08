package dev.coldstart.source;

/** The two import statement forms: {@code import a.b} and {@code from a import b}. */
public enum ImportKind {
  IMPORT,
  FROM;

  /** The word used in JSON output: "import" or "from". */
  public String jsonName() {
    return this == IMPORT ? "import" : "from";
  }
}
