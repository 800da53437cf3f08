package dev.coldstart.graph;

import dev.coldstart.layout.ModuleLayout;
import dev.coldstart.layout.PythonModule;
import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import dev.coldstart.source.ModuleFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one module's import statements into edges, resolving names with the layout.
 *
 * <ul>
 *   <li>{@code import a.b.c} loads a, a.b and a.b.c: one edge to each. When a prefix is a plain
 *       module (not a package) the rest is an attribute it sets itself ({@code import os.path}):
 *       no edge, nothing unresolved.
 *   <li>{@code from X import n}: X is resolved (relative to the importer's package for leading
 *       dots), edges go to X's prefixes, and to {@code X.n} when the layout has such a submodule;
 *       otherwise n is a name defined in X.
 *   <li>An edge to the importer itself or to one of its parent packages is dropped when it only
 *       re-states that the parent is loaded (always true: the parent runs first); it is kept for
 *       {@code from parent import name} where the name is not a submodule, because that reads the
 *       parent's namespace, the classic partially-initialised-module cycle.
 * </ul>
 *
 * Pure apart from layout lookups; called on scanner threads.
 */
final class ModuleImports {
  private ModuleImports() {}

  record Result(List<Edge> edges, List<Unresolved> unresolved) {}

  static Result of(ModuleLayout layout, PythonModule m, ModuleFacts facts) {
    List<Edge> edges = new ArrayList<>();
    List<Unresolved> unresolved = new ArrayList<>();
    String me = m.name();
    for (ImportStatement s : facts.imports()) {
      if (s.kind() == ImportKind.IMPORT) {
        for (ImportedName n : s.names()) {
          boolean listed = facts.lazyEntry(s, n.name()).isPresent();
          prefixes(layout, me, n.name(), s, edges, unresolved, false, listed);
        }
        continue;
      }
      String base;
      if (s.level() > 0) {
        Optional<String> abs = ModuleLayout.resolveRelative(me, m.isPackage(), s.level(), s.module());
        if (abs.isEmpty()) {
          String written = ".".repeat(s.level()) + (s.module() == null ? "" : s.module());
          unresolved.add(new Unresolved(me, written, s,
              me.indexOf('.') < 0 && !m.isPackage()
                  ? "relative import in a module outside any package"
                  : "relative import beyond the top-level package"));
          continue;
        }
        base = abs.get();
      } else {
        base = s.module();
      }
      boolean listed = facts.lazyEntry(s, base).isPresent();
      boolean baseIsAncestorOrSelf = isAncestorOrSelf(base, me);
      boolean readsBase = false;
      List<String> subs = new ArrayList<>();
      for (ImportedName n : s.names()) {
        String name = n.name();
        if (!name.equals("*") && layout.find(base + "." + name).isPresent()) {
          subs.add(base + "." + name);
        } else {
          readsBase = true;
        }
      }
      boolean ok = prefixes(layout, me, base, s, edges, unresolved, baseIsAncestorOrSelf && readsBase, listed);
      if (ok) {
        for (String sub : subs) {
          if (!isAncestorOrSelf(sub, me)) {
            edges.add(new Edge(me, sub, Edge.Kind.IMPORT, s, listed));
          }
        }
      }
    }
    return new Result(edges, unresolved);
  }

  /**
   * Edges to each prefix of a dotted name; returns false when the name cannot be imported.
   *
   * @param keepSelf keep an edge to the last prefix even when it is the importer's ancestor
   * @param listed the import is lazy through the importer's {@code __lazy_modules__}
   */
  private static boolean prefixes(
      ModuleLayout layout, String me, String dotted, ImportStatement s, List<Edge> edges,
      List<Unresolved> unresolved, boolean keepSelf, boolean listed) {
    int from = 0;
    PythonModule previous = null;
    while (true) {
      int dot = dotted.indexOf('.', from);
      String prefix = dot < 0 ? dotted : dotted.substring(0, dot);
      Optional<PythonModule> found = layout.find(prefix);
      if (found.isEmpty()) {
        if (previous != null && !previous.isPackage()) {
          return true; // an attribute the module sets itself, like os.path
        }
        unresolved.add(new Unresolved(me, prefix, s, "not found", listed));
        return false;
      }
      boolean last = dot < 0;
      if (!isAncestorOrSelf(prefix, me) || (last && keepSelf && !prefix.equals(me))) {
        edges.add(new Edge(me, prefix, Edge.Kind.IMPORT, s, listed));
      }
      if (last) {
        return true;
      }
      previous = found.get();
      from = dot + 1;
    }
  }

  static boolean isAncestorOrSelf(String candidate, String module) {
    return module.equals(candidate)
        || (module.length() > candidate.length()
            && module.startsWith(candidate)
            && module.charAt(candidate.length()) == '.');
  }
}
