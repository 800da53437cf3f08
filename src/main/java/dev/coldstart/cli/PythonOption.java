package dev.coldstart.cli;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import picocli.CommandLine.Option;

/** {@code --python PATH}, shared by every verb that runs Python. */
public final class PythonOption {
  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "Interpreter to use: a path, a name on PATH, or a virtualenv directory (default: the active virtualenv's, else python3 on PATH).")
  String python;

  /** Finds and probes the interpreter (exit 3 when there is none). */
  public Interpreter interpreter() {
    return Interpreters.locate(python, System.getenv());
  }
}
