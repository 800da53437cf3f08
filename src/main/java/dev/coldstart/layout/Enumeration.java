package dev.coldstart.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists every module of a layout: each candidate name of every root (a directory, or a file with
 * a loader suffix) is looked up with {@link ModuleLayout#find}, so the first root wins and a
 * shadowed file never shows up; then each package's {@code __path__} is listed the same way,
 * depth first. Stubs ({@code .pyi} files with no runtime module, {@code NAME-stubs} packages) are
 * collected on the way.
 */
final class Enumeration {
  private final ModuleLayout layout;
  private final List<PythonModule> modules = new ArrayList<>();
  private final List<ModuleLayout.Stub> stubs = new ArrayList<>();

  Enumeration(ModuleLayout layout) {
    this.layout = layout;
    Set<String> top = new TreeSet<>();
    for (Path root : layout.roots()) {
      top.addAll(layout.candidates(root));
      stubsIn(root, "");
    }
    for (String name : top) {
      layout.find(name).ifPresent(m -> add(m, 0));
    }
  }

  List<PythonModule> all() {
    return List.copyOf(modules);
  }

  List<ModuleLayout.Stub> stubs() {
    return List.copyOf(stubs);
  }

  private void add(PythonModule m, int depth) {
    modules.add(m);
    if (!m.isPackage() || depth > 64) {
      return;
    }
    Set<String> children = new TreeSet<>();
    for (Path dir : m.searchLocations()) {
      children.addAll(layout.candidates(dir));
      stubsIn(dir, m.name() + ".");
    }
    for (String c : children) {
      Optional<PythonModule> sub = layout.find(m.name() + "." + c);
      sub.ifPresent(s -> add(s, depth + 1));
    }
  }

  /** {@code x.pyi} without a module {@code x}, and {@code x-stubs/} directories. */
  private void stubsIn(Path dir, String prefix) {
    for (String e : layout.listing(dir).names()) {
      if (e.endsWith(".pyi")) {
        String stem = e.substring(0, e.length() - 4);
        if (!stem.equals("__init__") && ModuleLayout.isIdentifier(stem)
            && layout.find(prefix + stem).isEmpty()) {
          stubs.add(new ModuleLayout.Stub(prefix + stem, dir.resolve(e)));
        }
      } else if (prefix.isEmpty() && e.endsWith("-stubs")) {
        String module = e.substring(0, e.length() - 6);
        if (ModuleLayout.isIdentifier(module) && Files.isDirectory(dir.resolve(e))) {
          stubs.add(new ModuleLayout.Stub(module, dir.resolve(e)));
        }
      }
    }
  }
}
