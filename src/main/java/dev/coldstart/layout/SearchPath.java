package dev.coldstart.layout;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Where and how modules are found: the ordered roots (sys.path entries), the extension-module
 * suffixes the interpreter loads, its built-in module names, and which roots are site directories
 * (whose {@code .pth} files run at start-up).
 *
 * @param roots directories searched in order; the first one holding a module wins
 * @param extensionSuffixes e.g. {@code .cpython-311-x86_64-linux-gnu.so}, {@code .abi3.so},
 *     {@code .so}; empty means "unknown interpreter": any {@code NAME[.TAG].so} or {@code .pyd} file
 *     counts as an extension module
 * @param builtins modules compiled into the interpreter ({@code sys.builtin_module_names}); they
 *     win over files of the same name
 * @param siteDirs roots whose {@code .pth} files are read
 */
public record SearchPath(
    List<Path> roots, List<String> extensionSuffixes, Set<String> builtins, Set<Path> siteDirs) {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  public SearchPath {
    roots = List.copyOf(new LinkedHashSet<>(roots));
    extensionSuffixes = List.copyOf(extensionSuffixes);
    builtins = Set.copyOf(builtins);
    siteDirs = Set.copyOf(siteDirs);
  }

  /**
   * Roots given by hand, for no particular interpreter. A root named {@code site-packages} or
   * {@code dist-packages} is taken as a site directory.
   */
  public static SearchPath ofRoots(List<Path> roots) {
    Set<Path> sites = new LinkedHashSet<>();
    for (Path r : roots) {
      if (looksLikeSiteDir(r)) {
        sites.add(r);
      }
    }
    return new SearchPath(roots, List.of(), Set.of(), sites);
  }

  /** This search path with other roots in front (a project tree, a script's directory). */
  public SearchPath withLeadingRoots(List<Path> first) {
    List<Path> all = new ArrayList<>(first);
    all.addAll(roots);
    return new SearchPath(all, extensionSuffixes, builtins, siteDirs);
  }

  /** This search path with its roots replaced, keeping what it knows about the interpreter. */
  public SearchPath withRoots(List<Path> newRoots) {
    Set<Path> sites = new LinkedHashSet<>();
    for (Path r : newRoots) {
      if (siteDirs.contains(r) || looksLikeSiteDir(r)) {
        sites.add(r);
      }
    }
    return new SearchPath(newRoots, extensionSuffixes, builtins, sites);
  }

  static boolean looksLikeSiteDir(Path p) {
    Path name = p.getFileName();
    return name != null
        && (name.toString().equals("site-packages") || name.toString().equals("dist-packages"));
  }

  /**
   * An interpreter's sys.path, built-in modules, extension suffixes and site directories: from
   * what its probe said (often from the probe cache: no run), else by asking it (see {@link
   * #ask}).
   *
   * @throws UserError exit 3 when the interpreter fails or answers nonsense
   */
  public static SearchPath of(Interpreter python) {
    Interpreter.Layout known = python.layout();
    if (known == null) {
      return ask(python);
    }
    List<Path> roots = new ArrayList<>();
    python.sysPath().forEach(p -> roots.add(Path.of(p)));
    Set<Path> sites = new LinkedHashSet<>();
    known.siteDirs().forEach(p -> sites.add(Path.of(p)));
    return new SearchPath(
        roots, known.extensionSuffixes(), new LinkedHashSet<>(known.builtins()), sites);
  }

  /**
   * The interpreter's standard library directories: the entries of its sys.path under its base
   * prefix ({@code sys.base_prefix}, the installation a virtualenv was made from) that are neither
   * site directories nor inside one ({@code lib/python3.11}, {@code lib/python3.11/lib-dynload},
   * {@code lib/python311.zip}). With {@link #withRoots}, what {@code --root DIR} searches after DIR.
   */
  public static List<Path> standardLibrary(Interpreter python) {
    SearchPath all = of(python);
    Path base = Path.of(python.basePrefix()).toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (Path r : all.roots()) {
      Path p = r.toAbsolutePath().normalize();
      if (p.startsWith(base) && all.siteDirs().stream().noneMatch(s -> p.startsWith(s.toAbsolutePath().normalize()))) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Asks an interpreter for its sys.path, built-in modules, extension suffixes and site
   * directories (one run of {@code search_path.py}, about 30 ms).
   *
   * @throws UserError exit 3 when the interpreter fails or answers nonsense
   */
  static SearchPath ask(Interpreter python) {
    if (python.major() < 3) {
      throw UserError.target(
          python.describe() + " is Python " + python.version() + ": reading its module layout needs Python 3");
    }
    ProcessResult r =
        PythonProcess.builder(python.executable(), List.of("-c", script()))
            .timeout(PROBE_TIMEOUT)
            .run();
    if (!r.ok()) {
      throw UserError.target(
          "cannot read the module search path of "
              + python.describe()
              + (r.timedOut() ? ": no answer within 30 s" : ": " + r.stderrTail(5)));
    }
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(r.stdout());
    } catch (RuntimeException e) {
      throw UserError.target(python.describe() + " answered something that is not JSON");
    }
    List<Path> roots = new ArrayList<>();
    n.path("path").forEach(p -> roots.add(Path.of(p.asString())));
    List<String> ext = new ArrayList<>();
    n.path("extension_suffixes").forEach(p -> ext.add(p.asString()));
    Set<String> builtins = new LinkedHashSet<>();
    n.path("builtins").forEach(p -> builtins.add(p.asString()));
    Set<Path> sites = new LinkedHashSet<>();
    n.path("site_dirs").forEach(p -> sites.add(Path.of(p.asString())));
    return new SearchPath(roots, ext, builtins, sites);
  }

  private static String script() {
    try (InputStream in = SearchPath.class.getResourceAsStream("search_path.py")) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/coldstart/layout/search_path.py");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
