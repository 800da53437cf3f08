package dev.coldstart.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists every module of a layout: each candidate name of every root (a directory, or a file with
 * a loader suffix) is looked up with {@link ModuleLayout#find}, so the first root wins and a
 * shadowed file never shows up; then each package's {@code __path__} is listed the same way,
 * depth first. Stubs ({@code .pyi} files with no runtime module, {@code NAME-stubs} packages) are
 * collected on the way. Top-level names are listed in parallel (the work is one directory listing
 * and about one stat per entry, mostly waiting on the file system); the result keeps name order.
 */
final class Enumeration {
  private final List<PythonModule> modules = new ArrayList<>();
  private final List<ModuleLayout.Stub> stubs = new ArrayList<>();

  /** What one top-level name contributes. */
  private record Part(List<PythonModule> modules, List<ModuleLayout.Stub> stubs) {}

  Enumeration(ModuleLayout layout) {
    Set<String> top = new TreeSet<>();
    for (Path root : layout.roots()) {
      top.addAll(layout.candidates(root));
      stubsIn(layout, root, "", stubs);
    }
    List<Part> parts =
        top.parallelStream()
            .map(
                name -> {
                  Part p = new Part(new ArrayList<>(), new ArrayList<>());
                  layout.find(name).ifPresent(m -> add(layout, m, 0, p));
                  return p;
                })
            .toList();
    for (Part p : parts) {
      modules.addAll(p.modules());
      stubs.addAll(p.stubs());
    }
  }

  List<PythonModule> all() {
    return List.copyOf(modules);
  }

  List<ModuleLayout.Stub> stubs() {
    return List.copyOf(stubs);
  }

  private static void add(ModuleLayout layout, PythonModule m, int depth, Part into) {
    into.modules().add(m);
    if (!m.isPackage() || depth > 64) {
      return;
    }
    Set<String> children = new TreeSet<>();
    for (Path dir : m.searchLocations()) {
      children.addAll(layout.candidates(dir));
      stubsIn(layout, dir, m.name() + ".", into.stubs());
    }
    for (String c : children) {
      layout.find(m.name() + "." + c).ifPresent(s -> add(layout, s, depth + 1, into));
    }
  }

  /** {@code x.pyi} without a module {@code x}, and {@code x-stubs/} directories. */
  private static void stubsIn(
      ModuleLayout layout, Path dir, String prefix, List<ModuleLayout.Stub> out) {
    for (String e : layout.listing(dir).names()) {
      if (e.endsWith(".pyi")) {
        String stem = e.substring(0, e.length() - 4);
        if (!stem.equals("__init__") && ModuleLayout.isIdentifier(stem)
            && layout.find(prefix + stem).isEmpty()) {
          out.add(new ModuleLayout.Stub(prefix + stem, dir.resolve(e)));
        }
      } else if (prefix.isEmpty() && e.endsWith("-stubs")) {
        String module = e.substring(0, e.length() - 6);
        if (ModuleLayout.isIdentifier(module) && Files.isDirectory(dir.resolve(e))) {
          out.add(new ModuleLayout.Stub(module, dir.resolve(e)));
        }
      }
    }
  }
}
