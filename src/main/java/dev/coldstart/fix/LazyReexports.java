package dev.coldstart.fix;

import dev.coldstart.source.DunderAll;
import dev.coldstart.source.ImportKind;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import dev.coldstart.source.ModuleFacts;
import dev.coldstart.source.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * (Just over 500 lines: the three styles share one safety analysis, deferral by deferral, and
 * splitting the styles apart would repeat it.)
 *
 * <p>Makes the re-exports of a package {@code __init__.py} lazy while keeping every name reachable.
 *
 * <p>A re-export is a module-level, unconditional {@code from .x import A [as B]} (or {@code from
 * pkg.x import A}, {@code from . import sub}) alone on its lines. Each one that passes the safety
 * checks is moved, unchanged, into an {@code if TYPE_CHECKING:} block (so type checkers and IDEs
 * still see it) and, in the PEP 562 style, listed in a {@code _LAZY_REEXPORTS} table that a module
 * {@code __getattr__} consults on first access; {@code __dir__} lists the table too, so {@code
 * dir(pkg)} is unchanged. Submodules that the eager imports used to load (directly or through
 * each other, found statically) are listed as well, because importing them used to bind them as
 * package attributes. The PEP 810 styles instead prefix {@code lazy} or list the modules in
 * {@code __lazy_modules__}.
 *
 * <p>The table and {@code __getattr__} go at the end of the file, or, when an import that stays
 * eager follows a deferred one, just before it: that import may load a module that reads a lazy
 * name back from the still-running package ({@code from pkg import Name}).
 *
 * <p>Refused, with the reason: a file without {@code __all__} (star imports would change) or with
 * a computed one, a module {@code __getattr__}/{@code __dir__} not written by coldstart, a call
 * (other than a builtin applied to literals) or an attribute use at module level after the first
 * re-export (registration, patching, a registry read: its order relative to the imports would
 * change), and per statement: a re-exported name used in the {@code __init__} itself, bound twice,
 * or equal to a submodule's name; a star import without a literal {@code __all__} in its module; a
 * statement that looks imported for its effect (private or {@code noqa: F401} names missing from
 * {@code __all__}); a statement that enters an import cycle ({@link LoadOrder}).
 */
final class LazyReexports {
  static final String TABLE = "_LAZY_REEXPORTS";

  private LazyReexports() {}

  /** One lazily bound name: module to import (as written, maybe relative) and attribute (null: the module). */
  record Entry(String name, String module, String attr) {}

  static Outcome fix(FixInput in) {
    if (!in.packageInit()) {
      return Outcome.none();
    }
    ModuleFacts f = in.facts();
    String pkg = in.module();
    List<ImportStatement> candidates = new ArrayList<>();
    Style style = in.options().style();
    Set<String> alreadyLazy = style == Style.LAZY_MODULES
        ? in.facts().lazyModules().map(m -> Set.copyOf(m.modules())).orElse(Set.of()) : Set.of();
    for (ImportStatement s : f.imports()) {
      if (isReexport(s, pkg) && !in.shared().claimedLines.contains(s.line())
          && !alreadyLazy.contains(absolute(s, pkg))) {
        candidates.add(s);
      }
    }
    if (candidates.isEmpty()) {
      return Outcome.none();
    }
    List<Refusal> refusals = new ArrayList<>();
    String fileProblem = fileProblem(in, candidates.get(0).line(), style);
    if (fileProblem != null) {
      return Outcome.refused(new Refusal(Codemod.REEXPORT, 0, null, fileProblem));
    }
    Map<String, Integer> bindings = new LinkedHashMap<>();
    for (ImportStatement s : f.imports()) {
      if (s.scope() == Scope.MODULE) {
        for (String b : FixInput.boundBy(s)) {
          bindings.merge(b, 1, Integer::sum);
        }
      }
    }
    List<ImportStatement> deferred = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    for (ImportStatement s : candidates) {
      List<Entry> mine = new ArrayList<>();
      String why = statementProblem(in, s, pkg, style, bindings, mine);
      if (why == null) {
        why = in.order().cycleProblem(pkg, s.line(), eagerAbove(f, s.line(), deferred));
      }
      if (why != null) {
        refusals.add(new Refusal(Codemod.REEXPORT, s.line(), s.text(), why));
      } else {
        deferred.add(s);
        entries.addAll(mine);
      }
    }
    if (deferred.isEmpty()) {
      return Outcome.of(null, refusals);
    }
    List<Edit> edits = new ArrayList<>();
    Set<String> added = new HashSet<>();
    switch (style) {
      case PEP562 -> pep562(in, deferred, entries, edits);
      case PEP810 -> {
        // The eager imports also bound the submodules they loaded (pkg.server for `from .server
        // import make`); on 3.15 `lazy from . import server` keeps them in dir(pkg), loaded on
        // first access, so the public API stays the same.
        List<String> subs = submodulesToBind(in, deferred);
        for (ImportStatement s : deferred) {
          String first = in.text().lines().get(s.line() - 1);
          List<String> lines = new ArrayList<>();
          if (s == deferred.get(0) && !subs.isEmpty()) {
            lines.add("lazy from . import " + String.join(", ", subs));
          }
          lines.add("lazy " + first);
          edits.add(Edit.replace(s.line(), s.line(), lines));
        }
      }
      case LAZY_MODULES -> {
        Set<String> modules = new LinkedHashSet<>();
        for (ImportStatement s : deferred) {
          modules.add(absolute(s, pkg));
        }
        // As for pep810, keep the submodules the eager imports bound: `from . import a, b`, lazy on
        // 3.15 through the package's own name in the list. Only when no other statement imports
        // from the package itself, which listing it would make lazy too.
        List<String> subs = submodulesToBind(in, deferred);
        boolean ownNameFree = f.imports().stream().noneMatch(
            s -> s.kind() == ImportKind.FROM && s.scope() == Scope.MODULE && !deferred.contains(s)
                && pkg.equals(absolute(s, pkg)));
        boolean bindSubs = !subs.isEmpty() && ownNameFree;
        if (bindSubs) {
          modules.add(pkg);
        }
        List<String> quoted = modules.stream().map(m -> "\"" + m + "\"").toList();
        boolean exists = f.boundNames().contains("__lazy_modules__");
        String line = exists
            ? "__lazy_modules__ += [" + String.join(", ", quoted) + "]"
            : "__lazy_modules__ = [" + String.join(", ", quoted) + "]";
        List<String> inserted = new ArrayList<>(List.of(
            "# PEP 810: the imports of these modules below are lazy on Python 3.15+ (written by `coldstart fix`).",
            line));
        if (bindSubs) {
          inserted.add("from . import " + String.join(", ", subs));
        }
        edits.add(Edit.insert(deferred.get(0).line() - 1, inserted));
        if (!exists) {
          added.add("__lazy_modules__");
        }
      }
    }
    for (ImportStatement s : deferred) {
      in.shared().claimedLines.add(s.line());
    }
    List<Change.Deferral> ds = deferred.stream()
        .map(s -> new Change.Deferral(s.line(), s.endLine(), s.text()))
        .toList();
    List<String> names = new ArrayList<>();
    for (ImportStatement s : deferred) {
      names.addAll(FixInput.boundBy(s));
    }
    String summary = deferred.size() + " re-export" + (deferred.size() == 1 ? "" : "s") + " made lazy ("
        + style.cliName() + "): " + String.join(", ", names);
    return Outcome.of(new Change(Codemod.REEXPORT, edits, ds, Set.of(), added, summary), refusals);
  }

  /** Whether the statement's lines carry a {@code # noqa} for unused imports (F401, or a bare noqa). */
  private static boolean noqaUnused(FixInput in, ImportStatement s) {
    for (int l = s.line(); l <= s.endLine(); l++) {
      String text = in.text().lines().get(l - 1);
      int hash = text.indexOf('#');
      if (hash >= 0 && text.substring(hash).matches("#\\s*noqa(?!\\s*:)(.*)|#\\s*noqa\\s*:.*F401.*")) {
        return true;
      }
    }
    return false;
  }

  /** Lines of the import statements above line that run when the module runs and stay eager. */
  private static List<Integer> eagerAbove(ModuleFacts f, int line, List<ImportStatement> deferred) {
    List<Integer> out = new ArrayList<>();
    for (ImportStatement s : f.imports()) {
      if (s.line() < line && runs(s) && !deferred.contains(s)) {
        out.add(s.line());
      }
    }
    return out;
  }

  /** Whether a statement runs when its module is imported (some branch of it, at least). */
  private static boolean runs(ImportStatement s) {
    return s.scope() == Scope.MODULE && !s.typeChecking() && !s.lazy();
  }

  static boolean isReexport(ImportStatement s, String pkg) {
    return s.kind() == ImportKind.FROM && s.scope() == Scope.MODULE && s.column() == 0
        && !s.conditional() && !s.guarded() && !s.typeChecking() && !s.lazy()
        && !"__future__".equals(s.module())
        && (s.level() >= 1 || s.module().equals(pkg) || s.module().startsWith(pkg + "."));
  }

  /** The absolute module a statement imports from. */
  static String absolute(ImportStatement s, String pkg) {
    if (s.level() == 0) {
      return s.module();
    }
    String base = pkg;
    for (int i = 1; i < s.level() && base.contains("."); i++) {
      base = base.substring(0, base.lastIndexOf('.'));
    }
    return s.module() == null ? base : base + "." + s.module();
  }

  private static String fileProblem(FixInput in, int firstLine, Style style) {
    ModuleFacts f = in.facts();
    Optional<DunderAll> all = f.dunderAll();
    if (all.isEmpty()) {
      return "no __all__: without it `from " + in.module() + " import *` binds whatever is in the"
          + " module's namespace, so lazy names would silently drop out; add an __all__ listing the"
          + " public names first";
    }
    if (all.get().dynamic()) {
      return "__all__ is computed at run time (line " + all.get().line() + "); it may depend on the"
          + " re-exported names being bound, so the rewrite cannot be shown to keep it";
    }
    if (style == Style.PEP562) {
      boolean ours = f.boundNames().contains(TABLE);
      if (f.hasModuleGetattr() && !ours) {
        return "the module defines its own __getattr__; merge the lazy re-exports into it by hand"
            + " (coldstart only extends a __getattr__ it wrote)";
      }
      if (f.hasModuleDir() && !ours) {
        return "the module defines its own __dir__; coldstart only extends a __dir__ it wrote";
      }
    }
    if (style == Style.PEP562 && in.typeCheckingLine() < 0) {
      return "TYPE_CHECKING is bound inside a block; coldstart cannot tell where an"
          + " `if TYPE_CHECKING:` block may follow it";
    }
    int call = in.uses().moduleLevelCallLines().stream().filter(l -> l > firstLine).findFirst().orElse(0);
    int attr = in.uses().moduleLevelAttributeLines().stream().filter(l -> l > firstLine).findFirst().orElse(0);
    if (call > 0 && (attr == 0 || call <= attr)) {
      return "module-level code calls something at line " + call + " ("
          + in.text().lines().get(call - 1).strip() + "), after the re-exports; it may depend on"
          + " them having run (registration, monkey-patching, logging set-up), and deferring them"
          + " would change that order";
    }
    if (attr > 0) {
      return "module-level code uses an attribute at line " + attr + " ("
          + in.text().lines().get(attr - 1).strip() + "), after the re-exports; reading or setting it"
          + " may run code (a property, a module __getattr__, a registry) that depends on them having"
          + " run, and deferring them would change that order";
    }
    return null;
  }

  private static String statementProblem(FixInput in, ImportStatement s, String pkg, Style style,
      Map<String, Integer> bindings, List<Entry> out) {
    if (!in.aloneOnLines(s)) {
      return "the statement shares its line with other code";
    }
    String written = s.level() == 0 ? s.module() : ".".repeat(s.level()) + (s.module() == null ? "" : s.module());
    String abs = absolute(s, pkg);
    for (ImportedName n : s.names()) {
      if (n.name().equals("*")) {
        if (style != Style.PEP562) {
          return "a star import cannot be lazy in the PEP 810 styles";
        }
        Optional<ModuleFacts> target = in.view().facts(abs);
        if (target.isEmpty() || target.get().dunderAll().isEmpty() || target.get().dunderAll().get().dynamic()) {
          return "star import that cannot be resolved statically: " + abs + " has no literal __all__";
        }
        for (String name : target.get().dunderAll().get().names()) {
          out.add(new Entry(name, written, name));
        }
        continue;
      }
      String bound = n.asname() != null ? n.asname() : n.name();
      boolean submodule = in.view().isModule(abs + "." + n.name());
      if (s.module() == null && !submodule) {
        return "'" + n.name() + "' is imported from the package itself, not from a submodule";
      }
      if (submodule) {
        // from .x import sub imports the submodule pkg.x.sub: import it by name, lazily.
        out.add(new Entry(bound, written.endsWith(".") ? written + n.name() : written + "." + n.name(), null));
      } else {
        out.add(new Entry(bound, written, n.name()));
      }
    }
    List<String> exported = in.facts().dunderAll().map(DunderAll::names).orElse(List.of());
    List<String> bound = FixInput.boundBy(s);
    if (!bound.isEmpty() && bound.stream().noneMatch(exported::contains)
        && (bound.stream().anyMatch(b -> b.startsWith("_")) || noqaUnused(in, s))) {
      return "it binds only names missing from __all__ (" + String.join(", ", bound) + ") and looks"
          + " imported for what importing it does (registration, patching): deferred, that would"
          + " not happen";
    }
    for (Entry e : out) {
      String name = e.name();
      List<NameUses.Use> uses = in.uses().usesOf(name, s.line(), s.endLine());
      if (!uses.isEmpty()) {
        return "re-exported name '" + name + "' is used in the __init__ itself (line "
            + uses.get(0).line() + "), where a lazy name is not bound";
      }
      if (bindings.getOrDefault(name, 0) > 1) {
        return "name '" + name + "' is bound by more than one import";
      }
      if (e.attr() != null && in.view().isModule(pkg + "." + name)) {
        return "name '" + name + "' is also a submodule of " + pkg + "; once " + pkg + "." + name
            + " is imported it would replace the lazy name";
      }
    }
    if (s.module() != null && s.level() >= 1) {
      // from .x import A binds x too: keep the submodule reachable as an attribute.
      String first = s.module().contains(".") ? s.module().substring(0, s.module().indexOf('.')) : s.module();
      if (s.level() == 1 && !in.facts().boundNames().contains(first)) {
        out.add(new Entry(first, "." + first, null));
      }
    }
    return null;
  }

  static String relative(String base, int level, String module) {
    String b = base;
    for (int i = 1; i < level; i++) {
      if (!b.contains(".")) {
        return null;
      }
      b = b.substring(0, b.lastIndexOf('.'));
    }
    return module == null ? b : b + "." + module;
  }

  /**
   * Direct submodules of pkg that the given modules load when imported (statically, at module
   * level, unconditionally), themselves included, transitively.
   */
  static Set<String> submodulesLoaded(PackageView view, String pkg, Set<String> start) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>(start);
    while (!work.isEmpty()) {
      String m = work.pop();
      if (!m.startsWith(pkg + ".") || !seen.add(m)) {
        continue;
      }
      String parent = m.substring(0, m.lastIndexOf('.'));
      if (!parent.equals(pkg)) {
        work.push(parent);
      }
      Optional<ModuleFacts> mf = view.facts(m);
      if (mf.isEmpty()) {
        continue;
      }
      boolean init = view.fileOf(m).map(PackageView::isInit).orElse(false);
      String base = init ? m : parent;
      for (ImportStatement s : mf.get().imports()) {
        if (s.scope() != Scope.MODULE || s.conditional() || s.guarded() || s.typeChecking() || s.lazy()) {
          continue;
        }
        if (s.kind() == ImportKind.IMPORT) {
          s.names().forEach(n -> work.push(n.name()));
        } else {
          String from = s.level() == 0 ? s.module() : relative(base, s.level(), s.module());
          if (from == null) {
            continue;
          }
          work.push(from);
          for (ImportedName n : s.names()) {
            if (!n.name().equals("*") && view.isModule(from + "." + n.name())) {
              work.push(from + "." + n.name());
            }
          }
        }
      }
    }
    Set<String> direct = new LinkedHashSet<>();
    for (String m : seen) {
      String rest = m.substring(pkg.length() + 1);
      direct.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
    }
    return direct;
  }

  /**
   * The direct submodules the deferred statements used to bind as package attributes when they ran
   * eagerly (directly or through each other, found statically) and that nothing else in the
   * {@code __init__} binds.
   */
  private static List<String> submodulesToBind(FixInput in, List<ImportStatement> deferred) {
    Set<String> start = new LinkedHashSet<>();
    for (ImportStatement s : deferred) {
      String abs = absolute(s, in.module());
      start.add(abs);
      for (ImportedName n : s.names()) {
        if (!n.name().equals("*") && in.view().isModule(abs + "." + n.name())) {
          start.add(abs + "." + n.name());
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String sub : submodulesLoaded(in.view(), in.module(), start)) {
      if (!in.facts().boundNames().contains(sub)) {
        out.add(sub);
      }
    }
    return out;
  }

  private static void pep562(FixInput in, List<ImportStatement> deferred, List<Entry> entries, List<Edit> edits) {
    ModuleFacts f = in.facts();
    boolean hideTypeChecking = !f.boundNames().contains("TYPE_CHECKING") && !in.shared().typeCheckingDefined;
    List<Edit> guard = in.guardEdits(deferred);
    if (guard == null) {
      throw new IllegalStateException("checked by fileProblem");
    }
    edits.addAll(guard);
    List<String> lines = in.text().lines();
    Map<String, Entry> table = new LinkedHashMap<>();
    for (Entry e : entries) {
      table.putIfAbsent(e.name(), e);
    }
    for (String sub : submodulesToBind(in, deferred)) {
      table.putIfAbsent(sub, new Entry(sub, "." + sub, null));
    }
    List<String> rows = new ArrayList<>();
    for (Entry e : table.values()) {
      rows.add("    \"" + e.name() + "\": (\"" + e.module() + "\", "
          + (e.attr() == null ? "None" : "\"" + e.attr() + "\"") + "),");
    }
    if (f.boundNames().contains(TABLE)) {
      int close = tableEnd(lines);
      if (close < 0) {
        throw new IllegalStateException("cannot find the end of " + TABLE);
      }
      edits.add(Edit.insert(close, rows));
      return;
    }
    List<String> tail = new ArrayList<>();
    tail.add("");
    tail.add("");
    tail.add("# Lazy re-exports (PEP 562), written by `coldstart fix`: each name below is imported on");
    tail.add("# first use. Type checkers and IDEs read the imports under `if TYPE_CHECKING:` above.");
    tail.add(TABLE + " = {");
    tail.addAll(rows);
    tail.add("}");
    tail.add("");
    tail.add("");
    tail.add("def __getattr__(name):");
    tail.add("    try:");
    tail.add("        module, attr = " + TABLE + "[name]");
    tail.add("    except KeyError:");
    tail.add("        raise AttributeError(f\"module {__name__!r} has no attribute {name!r}\") from None");
    tail.add("    import importlib");
    tail.add("");
    tail.add("    value = importlib.import_module(module, __name__)");
    tail.add("    if attr is not None:");
    tail.add("        value = getattr(value, attr)");
    tail.add("    globals()[name] = value");
    tail.add("    return value");
    tail.add("");
    tail.add("");
    tail.add("def __dir__():");
    String hidden = (hideTypeChecking ? "\"TYPE_CHECKING\", " : "") + "\"" + TABLE + "\", \"__getattr__\", \"__dir__\"";
    tail.add("    hidden = {" + hidden + "}");
    tail.add("    return sorted((set(globals()) - hidden) | set(" + TABLE + "))");
    int before = machineryLine(f, deferred);
    if (before >= 0) {
      tail.add("");
      tail.add("");
      edits.add(Edit.insert(before, tail));
      return;
    }
    int last = lines.size();
    while (last > 0 && lines.get(last - 1).isBlank()) {
      last--;
    }
    edits.add(new Edit(last, lines.size(), tail));
  }

  /**
   * Where {@code __getattr__} must already exist: the 0-based line just after the last deferred
   * statement that precedes the first import left eager below a deferred one, or -1 when no such
   * import follows (then the machinery goes at the end of the file). That eager import may load a
   * module that reads a lazy name back from the package ({@code from pkg import Name}) while the
   * package is still running; at the end of the file {@code __getattr__} would not exist yet.
   */
  private static int machineryLine(ModuleFacts f, List<ImportStatement> deferred) {
    int first = deferred.get(0).line();
    for (ImportStatement s : f.imports()) {
      if (s.line() > first && runs(s) && !deferred.contains(s)) {
        int after = -1;
        for (ImportStatement d : deferred) {
          if (d.line() < s.line()) {
            after = d.endLine();
          }
        }
        return after;
      }
    }
    return -1;
  }

  /** The 0-based index of the line closing the table ("}" alone), or -1. */
  private static int tableEnd(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(TABLE + " = {")) {
        for (int j = i + 1; j < lines.size(); j++) {
          if (lines.get(j).strip().equals("}")) {
            return j;
          }
        }
      }
    }
    return -1;
  }
}
