package dev.coldstart.rules;

import dev.coldstart.gate.ModulePattern;
import dev.coldstart.source.ImportStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * CS102: a package {@code __init__.py} imports a heavy module at module level. Whatever the
 * {@code __init__} imports, every user of any submodule pays for. Heavy means: matching the
 * configuration's {@code heavy-modules} or the built-in list {@link #KNOWN} (libraries measured at
 * tens to hundreds of milliseconds to import). Imports of the package's own submodules are CS101's.
 */
final class HeavyInitImportRule implements Rule.SourceRule {
  static final RuleInfo INFO =
      Rule.info("CS102", "heavy-init-import", "A package __init__ imports a heavy module at module level.");

  /** Modules known to take tens of milliseconds or more to import on a typical machine. */
  static final List<ModulePattern> KNOWN =
      List.of(
              "numpy", "pandas", "scipy", "sympy", "sklearn", "torch", "tensorflow", "jax", "matplotlib", "seaborn",
              "plotly", "requests", "httpx", "aiohttp", "urllib3", "fastapi", "starlette", "pydantic", "pydantic_core",
              "sqlalchemy", "boto3", "botocore", "google.cloud", "azure", "django", "flask", "celery", "pint",
              "networkx", "PIL", "cv2", "transformers", "rich", "click", "yaml", "jinja2", "asyncio", "http.server",
              "email", "xml.dom", "sqlite3", "multiprocessing", "concurrent.futures", "unittest", "ssl", "decimal")
          .stream()
          .map(ModulePattern::of)
          .toList();

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(PythonFile file, LintContext context) {
    List<Finding> out = new ArrayList<>();
    if (!file.packageInit()) {
      return out;
    }
    for (ImportStatement s : file.facts().imports()) {
      if (!Imports.runsAtImport(s, file, context) || s.level() > 0) {
        continue;
      }
      for (String m : s.kind() == dev.coldstart.source.ImportKind.IMPORT ? Imports.modules(s, file) : List.of(s.module())) {
        if (Imports.inPackage(m, file)) {
          continue;
        }
        ModulePattern heavy = heavy(m, context);
        if (heavy != null) {
          out.add(
              new Finding(
                  INFO.code(), file.path(), s.line(), s.column() + 1,
                  "`" + s.text() + "` loads " + m + " (heavy: " + heavy + ") for every import of any "
                      + file.module() + " submodule.",
                  context.lazyImports()
                      ? "Make it lazy with PEP 810 (Python " + context.targetVersion() + "+ has it): `lazy " + s.text()
                          + "`; it loads on first use."
                      : "Import it inside the functions that use it, or load it lazily; `coldstart fix --select CS102 "
                      + file.path() + "` moves it when only functions use it."));
          break;
        }
      }
    }
    return out;
  }

  private static ModulePattern heavy(String module, LintContext context) {
    for (ModulePattern p : context.heavy()) {
      if (p.matches(module)) {
        return p;
      }
    }
    for (ModulePattern p : KNOWN) {
      if (p.matches(module)) {
        return p;
      }
    }
    return null;
  }
}
