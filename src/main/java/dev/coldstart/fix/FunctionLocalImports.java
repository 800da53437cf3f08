package dev.coldstart.fix;

import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves a module-level import whose names are used only inside function bodies into those
 * functions: the import then runs when a function first needs it, not when the module is imported.
 *
 * <p>For each candidate (a plain module-level import, see {@link AnnotationOnlyImports#movable}),
 * every use of every name it binds must be in a function body (not in a def header: decorators,
 * defaults and annotations run at definition time), never a binding ({@code global}, assignment,
 * {@code for}/{@code as} target) and never shadowed by a parameter of the same name. The statement
 * is deleted and re-inserted, written on one line, as the first statement (after the docstring)
 * of each outermost function whose body uses it; nested functions see it as a closure variable.
 *
 * <p>A module's names may be its API: {@code from m import name} moves only when the name is
 * private ({@code _name}) or the module has an {@code __all__} that does not list it; {@code
 * import m} moves unless {@code __all__} lists it. Imports in a package {@code __init__} that
 * re-export are left to {@link LazyReexports}.
 */
final class FunctionLocalImports {
  private FunctionLocalImports() {}

  static Outcome fix(FixInput in) {
    List<Refusal> refusals = new ArrayList<>();
    List<Edit> edits = new ArrayList<>();
    List<Change.Deferral> deferred = new ArrayList<>();
    Set<String> removed = new LinkedHashSet<>();
    Set<String> exported = new HashSet<>(in.facts().dunderAll().map(a -> a.names()).orElse(List.of()));
    boolean hasAll = in.facts().dunderAll().isPresent() && !in.facts().dunderAll().get().dynamic();
    Set<String> params = new HashSet<>();
    for (NameUses.Def d : in.uses().defs()) {
      params.addAll(d.params);
    }
    for (ImportStatement s : in.facts().imports()) {
      if (!AnnotationOnlyImports.movable(in, s)) {
        continue;
      }
      List<String> bound = FixInput.boundBy(s);
      Set<Integer> functions = new LinkedHashSet<>();
      boolean onlyInFunctions = !bound.isEmpty();
      String why = null;
      for (String b : bound) {
        List<NameUses.Use> uses = in.uses().usesOf(b, s.line(), s.endLine());
        if (uses.isEmpty() || uses.stream().anyMatch(u -> u.context() != NameUses.Context.FUNCTION)) {
          onlyInFunctions = false;
          break;
        }
        if (exported.contains(b)) {
          why = "'" + b + "' is listed in __all__";
        } else if (s.kind() == ImportKind.FROM && !b.startsWith("_") && !hasAll) {
          why = "'" + b + "' may be part of the module's API (no __all__ says otherwise)";
        } else if (uses.stream().anyMatch(NameUses.Use::binding)) {
          why = "'" + b + "' is rebound or declared global in a function";
        } else if (params.contains(b)) {
          why = "a function has a parameter named '" + b + "'";
        }
        uses.forEach(u -> functions.add(u.function()));
      }
      if (!onlyInFunctions) {
        continue;
      }
      for (int fi : functions) {
        NameUses.Def d = in.uses().defs().get(fi);
        if (why == null && (d.inlineBody || d.insertLine == 0)) {
          why = "the function at line " + d.headerLine + " has its body on the def line";
        }
      }
      if (why != null) {
        refusals.add(new Refusal(Codemod.FUNCTION_LOCAL, s.line(), s.text(), why));
        continue;
      }
      String oneLine = render(s);
      edits.add(Edit.replace(s.line(), s.endLine(), List.of()));
      for (int fi : functions) {
        NameUses.Def d = in.uses().defs().get(fi);
        edits.add(Edit.insert(d.insertLine - 1, List.of(d.bodyIndent + oneLine)));
      }
      removed.addAll(bound);
      deferred.add(new Change.Deferral(s.line(), s.endLine(), s.text()));
      in.shared().claimedLines.add(s.line());
    }
    if (deferred.isEmpty()) {
      return Outcome.of(null, refusals);
    }
    String summary = deferred.size() + " import" + (deferred.size() == 1 ? "" : "s")
        + " moved into the functions that use them: " + String.join(", ", removed);
    return Outcome.of(new Change(Codemod.FUNCTION_LOCAL, edits, deferred, removed, Set.of(), summary), refusals);
  }

  /** The statement on one line, from its parts (comments inside it are dropped). */
  static String render(ImportStatement s) {
    List<String> parts = new ArrayList<>();
    for (ImportedName n : s.names()) {
      parts.add(n.asname() == null ? n.name() : n.name() + " as " + n.asname());
    }
    if (s.kind() == ImportKind.IMPORT) {
      return "import " + String.join(", ", parts);
    }
    return "from " + ".".repeat(s.level()) + (s.module() == null ? "" : s.module()) + " import "
        + String.join(", ", parts);
  }
}
