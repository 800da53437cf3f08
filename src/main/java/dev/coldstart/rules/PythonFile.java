package dev.coldstart.rules;

import dev.coldstart.source.ModuleFacts;
import dev.coldstart.source.NameUses;
import dev.coldstart.source.SourceScanner;

/**
 * One Python file as the source rules see it.
 *
 * @param path the path as walked from a root the user named (what findings show)
 * @param module its dotted module name, found by walking up the package directories (the file's
 *     stem alone when it is in no package); {@code __init__.py} is the package's name
 * @param packageInit whether it is a package's {@code __init__.py}
 * @param facts what the scanner found: imports with their context, {@code __all__}, bound names
 * @param uses where each name is used
 */
record PythonFile(String path, String module, boolean packageInit, ModuleFacts facts, NameUses uses) {
  /** A file from source text (tests write the source inline). */
  static PythonFile of(String path, String module, String source) {
    return new PythonFile(
        path, module, path.endsWith("__init__.py"), SourceScanner.scan(source), NameUses.scan(source));
  }

  /** The package relative imports start from: the module itself for an __init__, else its parent. */
  String packageName() {
    if (packageInit) {
      return module;
    }
    int dot = module.lastIndexOf('.');
    return dot < 0 ? "" : module.substring(0, dot);
  }

  /** The top-level package of this module, e.g. {@code fleet} for {@code fleet.server}. */
  String topPackage() {
    int dot = module.indexOf('.');
    return dot < 0 ? module : module.substring(0, dot);
  }
}
