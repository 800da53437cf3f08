package dev.coldstart.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Module name to file over a search path, the way CPython's PathFinder and FileFinder do it,
 * without running Python.
 *
 * <p>Finding {@code a.b.c}: built-in names win for top-level modules (the meta path asks the
 * built-in importer first); otherwise {@code a} is looked up in each root in order, then {@code b}
 * in {@code a}'s {@code __path__}, and so on. In one directory, for name {@code n}: a directory
 * {@code n/} holding {@code __init__} plus a loader suffix is a regular package; else a file
 * {@code n} plus a suffix is a module (extension suffixes first, then {@code .py}, then
 * {@code .pyc}); else a bare directory {@code n/} is remembered as a namespace portion. The first
 * directory with a loader wins; when none has one, all portions together form a PEP 420 namespace
 * package. A regular package whose {@code __init__.py} calls {@code pkgutil.extend_path} or
 * {@code pkg_resources.declare_namespace} (legacy namespace packages) gets every same-named
 * directory of the search path as its {@code __path__}. {@code .pyi} stubs never load; they are
 * recorded next to the module, or as stub-only entries.
 *
 * <p>Site directories' {@code .pth} files are read once: the directories they add follow their site
 * directory in the roots (as {@code site.addsitedir} appends them), and their import lines are
 * kept for reports.
 *
 * <p>Cost: one directory listing per directory touched (cached, like FileFinder's cache), one stat
 * per candidate entry; lookups are memoized. Thread-safe: caches are concurrent maps and a race
 * only computes the same answer twice.
 */
public final class ModuleLayout {
  private static final int MAX_DEPTH = 64; // symlink loops cannot recurse forever

  private final SearchPath searchPath;
  private final List<Path> roots;
  private final List<PthFile> pthFiles;
  private final ConcurrentHashMap<Path, Listing> listings = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Optional<PythonModule>> found = new ConcurrentHashMap<>();

  private ModuleLayout(SearchPath searchPath) {
    this.searchPath = searchPath;
    Set<Path> all = new LinkedHashSet<>();
    List<PthFile> pth = new ArrayList<>();
    for (Path root : searchPath.roots()) {
      all.add(root);
      if (searchPath.siteDirs().contains(root)) {
        for (PthFile f : PthReader.read(root)) {
          pth.add(f);
          all.addAll(f.addedPaths());
        }
      }
    }
    this.roots = List.copyOf(all);
    this.pthFiles = List.copyOf(pth);
  }

  /** The layout of a search path; reads its site directories' .pth files. */
  public static ModuleLayout of(SearchPath searchPath) {
    return new ModuleLayout(searchPath);
  }

  /** The roots searched, in order, with the directories .pth files add. */
  public List<Path> roots() {
    return roots;
  }

  public SearchPath searchPath() {
    return searchPath;
  }

  /** The .pth files of the site directories, in the order site.py reads them. */
  public List<PthFile> pthFiles() {
    return pthFiles;
  }

  /** The module {@code import name} would load, if any. */
  public Optional<PythonModule> find(String name) {
    Optional<PythonModule> m = found.get(name);
    if (m == null) {
      m = compute(name);
      Optional<PythonModule> prev = found.putIfAbsent(name, m);
      if (prev != null) {
        m = prev;
      }
    }
    return m;
  }

  private Optional<PythonModule> compute(String name) {
    int dot = name.lastIndexOf('.');
    String tail = name.substring(dot + 1);
    if (!isIdentifier(tail) || name.chars().filter(c -> c == '.').count() > MAX_DEPTH) {
      return Optional.empty();
    }
    List<Path> where;
    if (dot < 0) {
      if (searchPath.builtins().contains(name)) {
        return Optional.of(new PythonModule(name, ModuleKind.BUILTIN, null, List.of(), null));
      }
      where = roots;
    } else {
      Optional<PythonModule> parent = find(name.substring(0, dot));
      if (parent.isEmpty() || !parent.get().isPackage()) {
        return Optional.empty();
      }
      where = parent.get().searchLocations();
    }
    List<Path> portions = new ArrayList<>();
    for (Path dir : where) {
      Listing l = listing(dir);
      List<String> entries = l.withStem(tail);
      if (entries.isEmpty()) {
        continue;
      }
      boolean namespace = false;
      if (entries.get(0).equals(tail)) {
        Path base = dir.resolve(tail);
        Listing inside = listing(base);
        Loaded init = loaded(base, inside, "__init__");
        if (init != null) {
          Path stub = inside.has("__init__.pyi") ? base.resolve("__init__.pyi") : null;
          return Optional.of(
              new PythonModule(name, init.kind, init.file, packagePath(base, init, tail, where),
                  stub));
        }
        namespace = Files.isDirectory(base);
      }
      Loaded module = loaded(dir, l, tail);
      if (module != null) {
        Path stub = l.has(tail + ".pyi") ? dir.resolve(tail + ".pyi") : null;
        return Optional.of(new PythonModule(name, module.kind, module.file, List.of(), stub));
      }
      if (namespace) {
        portions.add(dir.resolve(tail));
      }
    }
    if (!portions.isEmpty()) {
      return Optional.of(new PythonModule(name, ModuleKind.NAMESPACE, null, portions, null));
    }
    return Optional.empty();
  }

  private record Loaded(ModuleKind kind, Path file) {}

  /** FileFinder's file check in one directory: extension suffixes, then .py, then .pyc. */
  private Loaded loaded(Path dir, Listing l, String stem) {
    List<String> entries = l.withStem(stem);
    if (entries.isEmpty()) {
      return null;
    }
    List<String> ext = searchPath.extensionSuffixes();
    if (ext.isEmpty()) {
      for (String e : entries) {
        if (anyExtension(stem, e) && Files.isRegularFile(dir.resolve(e))) {
          return new Loaded(ModuleKind.EXTENSION, dir.resolve(e));
        }
      }
    } else {
      for (String suffix : ext) {
        if (entries.contains(stem + suffix) && Files.isRegularFile(dir.resolve(stem + suffix))) {
          return new Loaded(ModuleKind.EXTENSION, dir.resolve(stem + suffix));
        }
      }
    }
    if (entries.contains(stem + ".py") && Files.isRegularFile(dir.resolve(stem + ".py"))) {
      return new Loaded(ModuleKind.SOURCE, dir.resolve(stem + ".py"));
    }
    if (entries.contains(stem + ".pyc") && Files.isRegularFile(dir.resolve(stem + ".pyc"))) {
      return new Loaded(ModuleKind.BYTECODE, dir.resolve(stem + ".pyc"));
    }
    return null;
  }

  /** {@code stem.so}, {@code stem.TAG.so}, {@code stem.pyd}, {@code stem.TAG.pyd}. */
  static boolean anyExtension(String stem, String entry) {
    if (!(entry.endsWith(".so") || entry.endsWith(".pyd"))) {
      return false;
    }
    String middle = entry.substring(stem.length(), entry.lastIndexOf('.'));
    return middle.isEmpty() || (middle.startsWith(".") && middle.indexOf('.', 1) < 0);
  }

  /** A regular package's __path__: its directory, or every same-named one for legacy namespaces. */
  private List<Path> packagePath(Path base, Loaded init, String tail, List<Path> where) {
    if (init.kind != ModuleKind.SOURCE || !extendsPath(init.file)) {
      return List.of(base);
    }
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(base);
    for (Path d : where) {
      Path other = d.resolve(tail);
      if (listing(d).withStem(tail).contains(tail) && Files.isDirectory(other)) {
        dirs.add(other);
      }
    }
    return List.copyOf(dirs);
  }

  private static boolean extendsPath(Path init) {
    try {
      String s = Files.readString(init, java.nio.charset.StandardCharsets.ISO_8859_1);
      return s.contains("extend_path") || s.contains("declare_namespace");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  Listing listing(Path dir) {
    Listing l = listings.get(dir);
    if (l == null) {
      l = Listing.of(dir);
      listings.putIfAbsent(dir, l);
    }
    return l;
  }

  /**
   * Every importable module of the search path, each found where Python would find it (shadowed
   * files are left out), packages before their submodules, names sorted within a package.
   */
  public List<PythonModule> modules() {
    return new Enumeration(this).all();
  }

  /** Stub files ({@code .pyi}, {@code NAME-stubs/} packages) that no runtime module stands for. */
  public List<Stub> stubOnly() {
    return new Enumeration(this).stubs();
  }

  /** A stub without a runtime module: the module name it types and the file. */
  public record Stub(String module, Path file) {}

  /**
   * The absolute name of a relative import, as importlib's {@code _resolve_name} computes it.
   *
   * @param importer the importing module's name ({@code __name__})
   * @param importerIsPackage whether the importer is a package (its own {@code __package__})
   * @param level the number of leading dots (at least 1)
   * @param module the name after the dots, or null/empty for {@code from . import x}
   * @return the absolute name, or empty when the import goes beyond the top-level package
   */
  public static Optional<String> resolveRelative(
      String importer, boolean importerIsPackage, int level, String module) {
    String pkg = importerIsPackage ? importer : parentOf(importer);
    if (pkg.isEmpty()) {
      return Optional.empty(); // "attempted relative import with no known parent package"
    }
    String base = pkg;
    for (int i = 1; i < level; i++) {
      int dot = base.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty(); // "attempted relative import beyond top-level package"
      }
      base = base.substring(0, dot);
    }
    return Optional.of(module == null || module.isEmpty() ? base : base + "." + module);
  }

  private static String parentOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /** Python's str.isidentifier() for the names found on disk (ASCII fast path). */
  static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok = i == 0 ? Character.isUnicodeIdentifierStart(c) || c == '_'
          : Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
      if (!ok) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** Names of candidate modules among one directory's entries, sorted. */
  Set<String> candidates(Path dir) {
    Set<String> out = new TreeSet<>();
    for (String e : listing(dir).names()) {
      int dot = e.indexOf('.');
      String stem = dot < 0 ? e : e.substring(0, dot);
      if (stem.equals("__pycache__") || stem.equals("__init__") || !isIdentifier(stem)) {
        continue;
      }
      if (dot < 0 || e.endsWith(".py") || e.endsWith(".pyc") || e.endsWith(".so")
          || e.endsWith(".pyd")) {
        out.add(stem);
      }
    }
    return out;
  }
}
