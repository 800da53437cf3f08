package dev.coldstart.fix;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheap proof every {@code fix --apply} runs after writing: each changed module is imported in
 * a fresh interpreter (its sys.path root first) and every name its {@code __all__} lists is
 * resolved, which is what {@code from module import *} does and what makes each lazy name import
 * its module. A failure means the fix broke the import (an import cycle entered from another side,
 * a registration that no longer happens); the caller puts the original files back.
 *
 * <p>One interpreter per module, so that no module's import order hides another's failure. Cost:
 * one interpreter start plus the module's own (eager, as before the fix) import time, per changed
 * file; about 30 s for the 100 {@code __init__} files fix changes in sympy.
 */
public final class ImportCheck {
  private static final String CHECK = String.join("\n",
      "import importlib, sys",
      "m = importlib.import_module(sys.argv[1])",
      "for n in getattr(m, '__all__', ()):",
      "    getattr(m, n)");

  private ImportCheck() {}

  /** A module whose import failed, with the last line of the traceback. */
  public record Failure(String module, String error) {}

  /** Imports each file's module; returns the ones that fail. */
  public static List<Failure> run(Interpreter py, List<Fixer.FileFix> files) {
    List<Failure> out = new ArrayList<>();
    for (Fixer.FileFix f : files) {
      ProcessResult r = PythonProcess.builder(py.executable(), List.of("-c", CHECK, f.module()))
          .directory(f.root())
          .env("PYTHONPATH", PublicApi.pythonPath(f.root()))
          .env("PYTHONDONTWRITEBYTECODE", "1")
          .timeout(Duration.ofMinutes(2))
          .discardStdout()
          .keepStderr(l -> true)
          .run();
      if (!r.ok()) {
        String why = r.timedOut() ? "timed out after 2 minutes" : r.stderrTail(1);
        out.add(new Failure(f.module(), why.isBlank() ? "exit status " + r.exitCode() : why));
      }
    }
    return out;
  }
}
