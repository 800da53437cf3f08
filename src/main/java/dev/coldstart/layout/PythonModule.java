package dev.coldstart.layout;

import java.nio.file.Path;
import java.util.List;

/**
 * A module as the import system would find it.
 *
 * @param name the dotted module name
 * @param kind how it loads
 * @param file the file that runs on import (a package's {@code __init__}); null for namespace
 *     packages and built-ins
 * @param searchLocations a package's {@code __path__}: the directories its submodules are found in
 *     (several for a namespace package spread over roots); empty for a plain module
 * @param stub a {@code .pyi} stub next to the module, or null
 */
public record PythonModule(
    String name, ModuleKind kind, Path file, List<Path> searchLocations, Path stub) {
  public PythonModule {
    searchLocations = List.copyOf(searchLocations);
  }

  /** True for packages (regular and namespace): modules that have submodules. */
  public boolean isPackage() {
    return !searchLocations.isEmpty();
  }

  /** The parent package's name, or null for a top-level module. */
  public String parent() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : name.substring(0, dot);
  }

  /** The file, or a short description when there is none. */
  public String where() {
    return switch (kind) {
      case BUILTIN -> "(built-in)";
      case NAMESPACE -> "(namespace) " + searchLocations;
      default -> file.toString();
    };
  }
}
