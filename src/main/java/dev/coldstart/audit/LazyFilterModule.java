package dev.coldstart.audit;

import java.util.List;

/**
 * {@code --write-filter FILE}: a Python module for deployments that run with {@code -X
 * lazy_imports=all} (PEP 810, Python 3.15+): importing it installs a lazy imports filter that keeps
 * lazy exactly the audited safe deferrals (and the program's own {@code lazy} statements and
 * {@code __lazy_modules__} entries), so every other import stays eager.
 */
public final class LazyFilterModule {
  private LazyFilterModule() {}

  /** The module's source for the {@code safe} candidates of an audit of {@code target}. */
  public static String source(List<Candidate> safe, String target) {
    StringBuilder rules = new StringBuilder();
    for (Candidate c : safe) {
      rules.append("    # ").append(c.name().replace("\n", " ")).append('\n');
      for (Deferral.Rule r : c.deferral()) {
        rules.append("    (").append(r.importer() == null ? "None" : py(r.importer())).append(", ")
            .append(py(r.module())).append("),\n");
      }
    }
    return """
        \"\"\"Lazy imports filter written by `coldstart audit` for %s (docs/audit.md).

        Run with `python -X lazy_imports=all` (or PYTHON_LAZY_IMPORTS=all) and import this module
        first, eagerly: from sitecustomize, or `__import__("MODULE")` on the entry point's first line
        (a plain module-level `import` is itself lazy in that mode). The imports audited safe stay
        lazy, every other import is eager. Needs Python 3.15 (PEP 810); before, it does nothing.
        \"\"\"
        import sys

        # (importer, module): the importer's statements that load module; importer None = any.
        SAFE = {
        %s}


        def _loads(name, fromlist):
            parts = name.split(".")
            out = [".".join(parts[:i + 1]) for i in range(len(parts))]
            out.extend(name + "." + f for f in (fromlist or ()) if f != "*")
            return out


        def _declared_lazy(frame, name):
            try:
                if name in frame.f_globals.get("__lazy_modules__", ()):
                    return True
                import linecache
                line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
                return line.lstrip().startswith("lazy ")
            except Exception:
                return False


        def lazy_filter(importer, name, fromlist):
            for module in _loads(name, fromlist):
                if (importer, module) in SAFE or (None, module) in SAFE:
                    return True
            return _declared_lazy(sys._getframe(1), name)


        if hasattr(sys, "set_lazy_imports_filter"):
            sys.set_lazy_imports_filter(lazy_filter)
        """.formatted(target.replace("\"", "'"), rules.toString().indent(0).replace("\n    ", "\n    "));
  }

  private static String py(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
