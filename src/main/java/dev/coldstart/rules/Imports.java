package dev.coldstart.rules;

import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an import statement means for the rules: the modules it names and the names it binds. */
final class Imports {
  private Imports() {}

  /** Runs when the module is imported: module scope, not under TYPE_CHECKING, not PEP 810 lazy. */
  static boolean runsAtImport(ImportStatement s) {
    return s.scope() == dev.coldstart.source.Scope.MODULE && !s.typeChecking() && !s.lazy();
  }

  /**
   * Runs when the module is imported on every Python the project supports: as {@link
   * #runsAtImport(ImportStatement)}, and not listed in {@code __lazy_modules__} when the project
   * targets 3.15+.
   */
  static boolean runsAtImport(ImportStatement s, PythonFile file, LintContext context) {
    return runsAtImport(s) && LazyImports.how(s, file, context) == null;
  }

  /** The absolute module a FROM statement imports from (relative ones resolved), or null if it escapes. */
  static String fromModule(ImportStatement s, PythonFile file) {
    if (s.level() == 0) {
      return s.module();
    }
    String base = file.packageName();
    for (int i = 1; i < s.level(); i++) {
      int dot = base.lastIndexOf('.');
      if (base.isEmpty()) {
        return null;
      }
      base = dot < 0 ? "" : base.substring(0, dot);
    }
    if (base.isEmpty()) {
      return s.module();
    }
    return s.module() == null ? base : base + "." + s.module();
  }

  /**
   * Each absolute module the statement may load: for IMPORT every dotted name; for FROM the module
   * and, for each name, {@code module.name} (it may be a submodule; callers check which exist).
   */
  static List<String> modules(ImportStatement s, PythonFile file) {
    List<String> out = new ArrayList<>();
    if (s.kind() == ImportKind.IMPORT) {
      s.names().forEach(n -> out.add(n.name()));
      return out;
    }
    String m = fromModule(s, file);
    if (m == null) {
      return out;
    }
    out.add(m);
    for (ImportedName n : s.names()) {
      if (!n.name().equals("*")) {
        out.add(m + "." + n.name());
      }
    }
    return out;
  }

  /** The names the statement binds, each with the module it comes from (for messages). */
  static Map<String, String> bindings(ImportStatement s, PythonFile file) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ImportedName n : s.names()) {
      if (n.name().equals("*")) {
        continue;
      }
      if (s.kind() == ImportKind.IMPORT) {
        if (n.asname() != null) {
          out.put(n.asname(), n.name());
        } else {
          int dot = n.name().indexOf('.');
          out.put(dot < 0 ? n.name() : n.name().substring(0, dot), n.name());
        }
      } else {
        String m = fromModule(s, file);
        out.put(n.asname() != null ? n.asname() : n.name(), (m == null ? "?" : m) + "." + n.name());
      }
    }
    return out;
  }

  /** Whether a module is the file's own package or inside it. */
  static boolean inPackage(String module, PythonFile file) {
    String pkg = file.packageInit() ? file.module() : file.topPackage();
    return module != null && (module.equals(pkg) || module.startsWith(pkg + "."));
  }
}
