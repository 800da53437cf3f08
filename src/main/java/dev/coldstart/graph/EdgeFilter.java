package dev.coldstart.graph;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.Scope;

/**
 * Which import statements count as "runs when the module is imported". By default only
 * module-level (and class-body) statements count: imports inside functions, inside
 * {@code if TYPE_CHECKING:}, inside a try that catches ImportError (optional dependencies), and
 * PEP 810 lazy imports (the {@code lazy} keyword, or a module listed in the importer's {@code
 * __lazy_modules__}: the graph describes Python 3.15+, where both defer the import) are left out. Conditional statements always count (and are marked).
 * Parent-package edges always count.
 *
 * @param function include imports inside functions
 * @param typeChecking include imports under {@code if TYPE_CHECKING:}
 * @param guarded include imports guarded by {@code try ... except ImportError}
 * @param lazy include PEP 810 lazy imports ({@code lazy import}, {@code __lazy_modules__})
 */
public record EdgeFilter(boolean function, boolean typeChecking, boolean guarded, boolean lazy) {
  /** Import-time edges only. */
  public static final EdgeFilter IMPORT_TIME = new EdgeFilter(false, false, false, false);

  /** Every statement. */
  public static final EdgeFilter ALL = new EdgeFilter(true, true, true, true);

  public boolean admits(Edge e) {
    return e.statement() == null || exclusion(e.statement(), e.lazyListed()) == null;
  }

  /** Why an unresolved import is left out, or null when it counts. */
  public String exclusion(Unresolved u) {
    return exclusion(u.statement(), u.lazyListed());
  }

  /** Why a statement is left out, also when its module is listed in {@code __lazy_modules__}. */
  public String exclusion(ImportStatement s, boolean lazyListed) {
    String why = exclusion(s);
    return why == null && !lazy && lazyListed ? "lazy" : why;
  }

  /** Why a statement is left out (the flag that would include it), or null when it counts. */
  public String exclusion(ImportStatement s) {
    if (!function && s.scope() == Scope.FUNCTION) {
      return "function";
    }
    if (!typeChecking && s.typeChecking()) {
      return "type-checking";
    }
    if (!guarded && s.guarded()) {
      return "guarded";
    }
    if (!lazy && s.lazy()) {
      return "lazy";
    }
    return null;
  }
}
