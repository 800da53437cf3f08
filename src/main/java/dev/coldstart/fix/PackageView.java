package dev.coldstart.fix;

import dev.coldstart.source.ModuleFacts;
import dev.coldstart.source.SourceScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read-only view of the package a file belongs to, for the codemods that must look at sibling
 * modules (which submodules exist, what they import). Files are found under the directory of the
 * top-level package; nothing is run.
 *
 * @param root the directory that holds the top-level package (the sys.path entry)
 */
record PackageView(Path root) {
  /** The file of a module inside root, if it is a source module or package. */
  Optional<Path> fileOf(String module) {
    Path base = root.resolve(module.replace('.', '/'));
    if (Files.isRegularFile(base.resolve("__init__.py"))) {
      return Optional.of(base.resolve("__init__.py"));
    }
    Path py = base.resolveSibling(base.getFileName() + ".py");
    return Files.isRegularFile(py) ? Optional.of(py) : Optional.empty();
  }

  boolean isModule(String module) {
    if (fileOf(module).isPresent()) {
      return true;
    }
    Path dir = root.resolve(module.replace('.', '/'));
    if (Files.isDirectory(dir)) {
      return true; // a namespace portion or a package without source
    }
    Path parent = dir.getParent();
    String last = dir.getFileName().toString();
    if (parent == null || !Files.isDirectory(parent)) {
      return false;
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.anyMatch(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(last + ".") && (n.endsWith(".so") || n.endsWith(".pyd") || n.endsWith(".pyc"));
      });
    } catch (IOException e) {
      return false;
    }
  }

  Optional<ModuleFacts> facts(String module) {
    return fileOf(module).map(f -> {
      try {
        return SourceScanner.scan(Files.readAllBytes(f));
      } catch (IOException e) {
        return ModuleFacts.unreadable(e.getMessage());
      }
    });
  }

  /** Every source module of the package {@code pkg} (submodules at any depth), by dotted name. */
  List<String> modulesUnder(String pkg) {
    List<String> out = new ArrayList<>();
    Path dir = root.resolve(pkg.replace('.', '/'));
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().forEach(p -> {
        String rel = root.relativize(p).toString().replace('\\', '/');
        rel = rel.substring(0, rel.length() - 3);
        if (rel.endsWith("/__init__")) {
          rel = rel.substring(0, rel.length() - "/__init__".length());
        }
        String name = rel.replace('/', '.');
        if (!name.equals(pkg) && isModuleName(name)) {
          out.add(name);
        }
      });
    } catch (IOException e) {
      // Unreadable parts of the tree are treated as absent.
    }
    return out;
  }

  private static boolean isModuleName(String s) {
    return dev.coldstart.python.Target.isModuleName(s);
  }

  /** Whether a file is the {@code __init__.py} of a package. */
  static boolean isInit(Path file) {
    return file.getFileName().toString().equals("__init__.py");
  }

  /**
   * The module name of a file and the sys.path entry it lives under: climb while the parent
   * directory is a package (has an {@code __init__.py}).
   */
  static Located locate(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String stem = abs.getFileName().toString();
    stem = stem.endsWith(".py") ? stem.substring(0, stem.length() - 3) : stem;
    List<String> parts = new ArrayList<>();
    Path dir = abs.getParent();
    if (!stem.equals("__init__")) {
      parts.add(stem);
    }
    while (dir != null && Files.isRegularFile(dir.resolve("__init__.py"))) {
      parts.add(0, dir.getFileName().toString());
      dir = dir.getParent();
    }
    if (parts.isEmpty()) {
      parts.add(stem);
    }
    return new Located(String.join(".", parts), dir == null ? abs.getParent() : dir);
  }

  /** A file's module name and sys.path root. */
  record Located(String module, Path root) {}
}
