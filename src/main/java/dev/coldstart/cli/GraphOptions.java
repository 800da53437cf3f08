package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.graph.EdgeFilter;
import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.SearchPath;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by the static verbs ({@code graph}, {@code why --static}): where modules are
 * looked up and which import statements count.
 *
 * <p>The search path: the {@code --root} directories when given (in order), then the interpreter's
 * standard library (its built-in modules and extension suffixes too; {@code --no-stdlib} leaves the
 * library out), else the interpreter's whole sys.path. Project trees named on the command line go first, like a script's
 * directory does.
 */
public final class GraphOptions {
  @Option(
      names = "--python",
      paramLabel = "PATH",
      description = "Interpreter whose sys.path is searched: a path, a name on PATH, or a virtualenv"
          + " directory (default: the active virtualenv's, else python3 on PATH).")
  String python;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Search this directory instead of the interpreter's sys.path (repeatable, in order); the interpreter's standard library is searched after it.")
  List<String> roots = new ArrayList<>();

  @Option(
      names = "--no-stdlib",
      description = "With --root: do not search the interpreter's standard library after the given directories.")
  boolean noStdlib;

  @Option(names = "--include-function", description = "Count imports inside functions.")
  boolean includeFunction;

  @Option(names = "--include-type-checking", description = "Count imports under `if TYPE_CHECKING:`.")
  boolean includeTypeChecking;

  @Option(
      names = "--include-guarded",
      description = "Count imports inside a try that catches ImportError (optional dependencies).")
  boolean includeGuarded;

  @Option(names = "--include-lazy", description = "Count PEP 810 lazy imports: `lazy import` statements and imports of modules listed in the file's __lazy_modules__ (left out by default: on Python 3.15+ they do not run at import time).")
  boolean includeLazy;

  @Option(names = "--jobs", paramLabel = "N", description = "Files scanned in parallel (default: the number of cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  EdgeFilter filter() {
    return new EdgeFilter(includeFunction, includeTypeChecking, includeGuarded, includeLazy);
  }

  /**
   * The layout to resolve against, with {@code leading} roots first.
   *
   * @param io where to warn when no interpreter is found and the leading roots suffice
   */
  ModuleLayout layout(List<Path> leading, Io io) {
    List<Path> given = new ArrayList<>();
    for (String r : roots) {
      Path p = Path.of(r).toAbsolutePath().normalize();
      if (!Files.isDirectory(p)) {
        throw UserError.usage("--root " + r + ": no such directory");
      }
      given.add(p);
    }
    SearchPath sp;
    if (!given.isEmpty()) {
      sp = withStandardLibrary(given, io);
    } else if (python == null && !leading.isEmpty()) {
      try {
        sp = interpreter();
      } catch (UserError e) {
        io.err().println("coldstart: " + e.getMessage() + "; resolving against the given paths only");
        sp = SearchPath.ofRoots(List.of());
      }
    } else {
      sp = interpreter();
    }
    return ModuleLayout.of(sp.withLeadingRoots(leading));
  }

  /**
   * The {@code --root} directories, then the interpreter's standard library (unless {@code
   * --no-stdlib}), with its built-in modules and extension suffixes. Without {@code --python} and
   * without any interpreter to be found, the directories alone, and a warning.
   */
  private SearchPath withStandardLibrary(List<Path> given, Io io) {
    Interpreter interp;
    try {
      interp = Interpreters.locate(python, System.getenv());
    } catch (UserError e) {
      if (python != null) {
        throw e;
      }
      io.err().println("coldstart: " + e.getMessage() + "; the standard library is not resolved (give --python)");
      return SearchPath.ofRoots(given);
    }
    List<Path> all = new ArrayList<>(given);
    if (!noStdlib) {
      all.addAll(SearchPath.standardLibrary(interp));
    }
    return SearchPath.of(interp).withRoots(all);
  }

  private SearchPath interpreter() {
    return SearchPath.of(Interpreters.locate(python, System.getenv()));
  }

  /**
   * The sys.path entry a file or directory belongs to: the nearest directory up from it that is
   * not a regular package (has no {@code __init__.py}).
   */
  static Path rootOf(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path dir = Files.isDirectory(p) ? p : p.getParent();
    while (dir.getParent() != null && Files.isRegularFile(dir.resolve("__init__.py"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** Checks PATH arguments exist (exit 2 otherwise) and returns them absolute. */
  static List<Path> existing(List<String> paths) {
    List<Path> out = new ArrayList<>();
    for (String s : paths) {
      Path p = Path.of(s);
      if (!Files.exists(p)) {
        throw UserError.usage("no such file or directory: " + s);
      }
      out.add(p.toAbsolutePath().normalize());
    }
    return out;
  }
}
