package dev.coldstart.graph;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Short words for a statement's context, shared by the renderers. */
final class Flags {
  private Flags() {}

  /** e.g. "[conditional, guarded]", or "" for a plain module-level import. */
  static String of(ImportStatement s) {
    if (s == null) {
      return "";
    }
    List<String> f = new ArrayList<>();
    if (s.scope() == Scope.FUNCTION) {
      f.add("function");
    } else if (s.scope() == Scope.CLASS) {
      f.add("class body");
    }
    if (s.typeChecking()) {
      f.add("type-checking");
    }
    if (s.guarded()) {
      f.add("guarded");
    }
    if (s.conditional()) {
      f.add("conditional");
    }
    if (s.lazy()) {
      f.add("lazy");
    }
    return f.isEmpty() ? "" : " [" + String.join(", ", f) + "]";
  }

  /** As {@link #of(ImportStatement)}, marking an edge lazy through {@code __lazy_modules__}. */
  static String of(Edge e) {
    String f = of(e.statement());
    if (!e.lazyListed() || e.statement().lazy()) {
      return f;
    }
    return f.isEmpty() ? " [lazy: __lazy_modules__]" : f.substring(0, f.length() - 1) + ", lazy: __lazy_modules__]";
  }

  /**
   * Statements the filter leaves out, counted once each per reason: the statements of the given
   * modules' edges and unresolved imports.
   */
  static Map<String, Integer> excluded(
      ImportGraph g, java.util.Collection<String> modules, EdgeFilter filter) {
    // statement -> lazy through __lazy_modules__ (the same for each of its edges)
    Map<ImportStatement, Boolean> seen = new java.util.IdentityHashMap<>();
    Set<String> wanted = modules instanceof Set<String> set ? set : new java.util.HashSet<>(modules);
    for (String m : modules) {
      for (Edge e : g.edgesFrom(m)) {
        if (e.statement() != null) {
          seen.put(e.statement(), e.lazyListed());
        }
      }
    }
    for (Unresolved u : g.unresolved()) {
      if (wanted.contains(u.importer())) {
        seen.put(u.statement(), u.lazyListed());
      }
    }
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (Map.Entry<ImportStatement, Boolean> se : seen.entrySet()) {
      String why = filter.exclusion(se.getKey(), se.getValue());
      if (why != null) {
        out.merge(why, 1, Integer::sum);
      }
    }
    return out;
  }

  /** "Left out: 3 function, 1 guarded import(s) (use --include-function, --include-guarded)." */
  static String leftOut(Map<String, Integer> excluded) {
    if (excluded.isEmpty()) {
      return "";
    }
    List<String> counts = new ArrayList<>();
    List<String> options = new ArrayList<>();
    excluded.forEach(
        (why, n) -> {
          counts.add(n + " " + why);
          options.add("--include-" + why);
        });
    return "Left out: " + String.join(", ", counts) + " import statement(s) (use "
        + String.join(", ", options) + ").";
  }
}
