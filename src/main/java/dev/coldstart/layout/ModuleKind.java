package dev.coldstart.layout;

/** How a module is loaded, which decides whether its imports can be read statically. */
public enum ModuleKind {
  /** A {@code .py} file (or a package's {@code __init__.py}): scanned for imports. */
  SOURCE,
  /** A compiled extension ({@code .so}/{@code .pyd}): its imports are invisible statically. */
  EXTENSION,
  /** A sourceless {@code .pyc} file. */
  BYTECODE,
  /** A PEP 420 namespace package: directories without {@code __init__}, no code of its own. */
  NAMESPACE,
  /** Compiled into the interpreter ({@code sys.builtin_module_names}). */
  BUILTIN;

  /** The word used in output. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
