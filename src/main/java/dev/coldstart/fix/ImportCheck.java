package dev.coldstart.fix;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cheap proof every {@code fix --apply} runs after writing: each changed module is imported as
 * a fresh interpreter would import it (its sys.path root first) and every name its {@code __all__}
 * lists is resolved, which is what {@code from module import *} does and what makes each lazy name
 * import its module ({@code import_check.py}). A failure means the fix broke the import (an import
 * cycle entered from another side, a registration that no longer happens); the caller puts the
 * original files back.
 *
 * <p>Modules are grouped by root and top-level package: one interpreter per group imports the
 * package (which any import of one of its modules runs first anyway) and forks a child per module,
 * so no module's import order hides another's failure. Cost: one interpreter start and one import
 * of each top-level package, plus each module's own import; where there is no os.fork, one
 * interpreter per module.
 */
public final class ImportCheck {
  private ImportCheck() {}

  /** A module whose import failed, with the error ("ExceptionType: message"). */
  public record Failure(String module, String error) {}

  /** Imports each file's module; returns the ones that fail. */
  public static List<Failure> run(Interpreter py, List<Fixer.FileFix> files) {
    Map<List<Object>, List<String>> groups = new LinkedHashMap<>();
    for (Fixer.FileFix f : files) {
      String top = f.module().contains(".") ? f.module().substring(0, f.module().indexOf('.')) : f.module();
      groups.computeIfAbsent(List.of(f.root(), top), k -> new ArrayList<>()).add(f.module());
    }
    List<Failure> out = new ArrayList<>();
    for (var g : groups.entrySet()) {
      Path root = (Path) g.getKey().get(0);
      List<String> args = new ArrayList<>(List.of("-c", Interpreters.resource("import_check.py")));
      args.addAll(g.getValue());
      ProcessResult r = PythonProcess.builder(py.executable(), args)
          .directory(root)
          .env("PYTHONPATH", PublicApi.pythonPath(root))
          .env("PYTHONDONTWRITEBYTECODE", "1")
          .timeout(Duration.ofMinutes(10))
          .keepStderr(l -> true)
          .run();
      Map<String, String> results = new HashMap<>();
      for (String line : r.stdout().split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          results.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
      for (String module : g.getValue()) {
        String result = results.get(module);
        if (result == null) {
          String why = r.timedOut() ? "timed out after 10 minutes" : r.stderrTail(1);
          out.add(new Failure(module, why.isBlank() ? "the check printed nothing (exit " + r.exitCode() + ")" : why));
        } else if (!result.equals("ok")) {
          out.add(new Failure(module, result));
        }
      }
    }
    return out;
  }
}
