package dev.coldstart.explain;

/**
 * Where an import was made: a source file (or a {@code .pth} file), a 1-based line, and the
 * statement text when it is known ({@code null} otherwise).
 *
 * @param fromStatic the runtime pass did not give this (or its text); the source scanner did
 */
public record ImportSite(String file, int line, String statement, boolean fromStatic) {
  public ImportSite(String file, int line, String statement) {
    this(file, line, statement, false);
  }

  /** {@code file:line}, the form editors and terminals turn into links. */
  public String location() {
    return file + ":" + line;
  }

  @Override
  public String toString() {
    return (statement == null ? location() : location() + ": " + statement)
        + (fromStatic ? " (static)" : "");
  }
}
