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

  /**
   * Looks up, in the probe cache only, the interpreter {@code args} would ask for, read without
   * picocli ({@code --python X}, {@code --python=X}, else the default): a guess that can only cost
   * a little CPU when wrong, since nothing is run (see {@link Interpreters#cachedOnly}).
   */
  static void warm(String[] args) {
    String requested = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--python") && i + 1 < args.length) {
        requested = args[i + 1];
      } else if (args[i].startsWith("--python=")) {
        requested = args[i].substring("--python=".length());
      }
    }
    Interpreters.cachedOnly(requested, System.getenv());
  }

  /** Finds and probes the interpreter (exit 3 when there is none). */
  public Interpreter interpreter() {
    return Interpreters.locate(python, System.getenv());
  }
}
