package dev.coldstart.fix;

import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Modules a program pays for whatever it imports, so moving an import of one of them under {@code
 * if TYPE_CHECKING:} saves nothing: what the interpreter has in {@code sys.modules} after a bare
 * start ({@code python -c ...}, site included, as the program itself starts), plus {@code typing}.
 *
 * <p>typing is not loaded by a bare start, but it is loaded by 67 of the 94 third-party packages
 * importable from the pyenv 3.11 site-packages on the development machine (each imported alone
 * with {@code python -S}, docs/fix.md), and by the start of that interpreter itself (a {@code .pth}
 * file); a module whose only typing use is in annotations nearly always runs in a program that
 * loads typing anyway.
 */
public final class LoadedAnyway {
  /**
   * What every CPython from 3.6 to 3.15 on Linux has loaded after a bare start (the intersection
   * of their {@code sys.modules}, measured on Debian 12), plus typing: used when no interpreter
   * can be asked.
   */
  public static final Set<String> EVERY_CPYTHON = Set.of(
      "_codecs", "_collections_abc", "_frozen_importlib", "_frozen_importlib_external",
      "_imp", "_io", "_signal", "_sitebuiltins", "_stat", "_thread", "_warnings", "_weakref",
      "abc", "builtins", "codecs", "encodings", "encodings.aliases", "encodings.utf_8",
      "genericpath", "marshal", "os", "os.path", "posix", "posixpath", "site", "stat", "sys",
      "zipimport", "typing");

  private static final String LIST = "import sys; sys.stdout.write('\\n'.join(sys.modules))";

  private LoadedAnyway() {}

  /** What this interpreter loads at start-up, plus typing; the fixed list when it cannot tell. */
  public static Set<String> of(Interpreter py) {
    ProcessResult r = PythonProcess.builder(py.executable(), List.of("-c", LIST))
        .timeout(Duration.ofSeconds(30))
        .run();
    if (!r.ok() || r.stdout().isBlank()) {
      return EVERY_CPYTHON;
    }
    Set<String> out = new TreeSet<>(r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    out.add("typing");
    return Set.copyOf(out);
  }
}
