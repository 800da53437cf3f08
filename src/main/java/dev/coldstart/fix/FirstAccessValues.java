package dev.coldstart.fix;

import dev.coldstart.source.ModuleStatements;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes {@code NAME = call(...)} on first access instead of at import: the statement goes, and
 * a PEP 562 module {@code __getattr__} (with a {@code __dir__} that still lists NAME) computes the
 * value the first time {@code module.NAME} is read and stores it in the module, so later reads are
 * plain attribute reads. Selected with {@code --select module-call}.
 *
 * <p>Calls that build small values ({@code frozenset(...)}, {@code TypeVar(...)},
 * {@code logging.getLogger(...)}, ...) are left alone: nothing to save. A module's own code reads
 * its globals without {@code __getattr__}, so the statement is
 * refused when NAME is used anywhere else in the file (module level, class bodies and functions
 * alike), when it is listed in {@code __all__} (a star import would compute it anyway), when a name
 * the call reads is bound again later at module level (the value would change), when the module
 * already has a {@code __getattr__} or {@code __dir__} (add NAME to it by hand), and in a package
 * {@code __init__} (its {@code __getattr__} belongs to the lazy re-exports). Side effects of the
 * call move to first access too: {@code --verify} compares the public API before and after.
 */
final class FirstAccessValues {
  private FirstAccessValues() {}

  static Outcome fix(FixInput in) {
    List<Refusal> refusals = new ArrayList<>();
    List<ModuleStatements.Statement> candidates = new ArrayList<>();
    List<String> lines = in.text().lines();
    List<ModuleStatements.Statement> statements =
        ModuleStatements.of(in.text().joined().getBytes(StandardCharsets.UTF_8));
    Set<String> exported = new LinkedHashSet<>(in.facts().dunderAll().map(a -> a.names()).orElse(List.of()));
    for (ModuleStatements.Statement s : statements) {
      if (s.assigned() == null || !s.call() || in.shared().claimedLines.contains(s.line())
          || cheap(lines.get(s.line() - 1))) {
        continue;
      }
      String name = s.assigned();
      String why = null;
      if (in.packageInit()) {
        why = "a package __init__: its __getattr__ belongs to the lazy re-exports";
      } else if (in.facts().hasModuleGetattr() || in.facts().hasModuleDir()) {
        why = "the module already defines __getattr__ or __dir__; add '" + name + "' to it by hand";
      } else if (exported.contains(name)) {
        why = "'" + name + "' is listed in __all__: a star import would compute it at import anyway";
      } else {
        List<NameUses.Use> others = in.uses().usesOf(name, s.line(), s.endLine());
        if (!others.isEmpty()) {
          NameUses.Use u = others.get(0);
          why = "'" + name + "' is also used at line " + u.line()
              + (u.context() == NameUses.Context.FUNCTION
                  ? " in a function (a module's own code does not go through __getattr__)"
                  : " at " + (u.context() == NameUses.Context.CLASS ? "class" : "module") + " level");
        } else {
          for (NameUses.Use read : in.uses().uses()) {
            if (read.line() < s.line() || read.line() > s.endLine() || read.name().equals(name)) {
              continue;
            }
            boolean reboundLater = in.uses().uses().stream()
                .anyMatch(u -> u.name().equals(read.name()) && u.binding() && u.line() > s.endLine()
                    && u.context() == NameUses.Context.MODULE);
            if (reboundLater) {
              why = "'" + read.name() + "', which the call reads, is bound again later at module level";
              break;
            }
          }
        }
      }
      if (why != null) {
        refusals.add(new Refusal(Codemod.MODULE_CALL, s.line(), s.text(), why));
        continue;
      }
      candidates.add(s);
    }
    if (candidates.isEmpty()) {
      return Outcome.of(null, refusals);
    }
    List<Edit> edits = new ArrayList<>();
    List<String> body = new ArrayList<>();
    body.add("");
    body.add("");
    body.add("def __getattr__(name):");
    body.add("    # Values computed on first access instead of at import (PEP 562); written by coldstart fix.");
    Set<String> names = new LinkedHashSet<>();
    for (ModuleStatements.Statement s : candidates) {
      String name = s.assigned();
      names.add(name);
      List<String> value = value(lines, s);
      body.add("    if name == \"" + name + "\":");
      body.add("        value = globals()[\"" + name + "\"] = " + value.get(0));
      for (String more : value.subList(1, value.size())) {
        body.add(more);
      }
      body.add("        return value");
      edits.add(Edit.replace(s.line(), s.endLine(), List.of()));
      in.shared().claimedLines.add(s.line());
    }
    body.add("    raise AttributeError(f\"module {__name__!r} has no attribute {name!r}\")");
    body.add("");
    body.add("");
    body.add("def __dir__():");
    body.add("    return sorted(set(globals()) | {" + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList()) + "})");
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    edits.add(Edit.replace(end + 1, lines.size(), body));
    String summary = names.size() + " value" + (names.size() == 1 ? "" : "s")
        + " computed on first access instead of at import: " + String.join(", ", names);
    return Outcome.of(new Change(Codemod.MODULE_CALL, edits, List.of(), Set.of(), Set.of("__getattr__", "__dir__"), summary),
        refusals);
  }

  /** Callees that build a small value cheaply: not worth deferring, and often read everywhere. */
  private static final Set<String> CHEAP =
      Set.of("frozenset", "set", "dict", "list", "tuple", "object", "int", "float", "str", "bytes", "bool",
          "type", "property", "staticmethod", "classmethod", "TypeVar", "NewType", "ParamSpec", "TypeVarTuple",
          "getLogger", "logging.getLogger", "typing.TypeVar", "typing.NewType", "range", "len",
          "os.environ.get", "os.getenv", "getenv", "field", "dataclasses.field", "re.compile");

  /** The first callee of {@code NAME = callee(...)} is one of {@link #CHEAP}. */
  static boolean cheap(String line) {
    String value = line.substring(line.indexOf('=') + 1).strip();
    int paren = value.indexOf('(');
    return paren > 0 && CHEAP.contains(value.substring(0, paren).strip());
  }

  /**
   * The assignment's value as lines: the text after {@code NAME =} on the first line, then the
   * statement's other lines as they are (they are inside brackets, so their indentation is free).
   */
  private static List<String> value(List<String> lines, ModuleStatements.Statement s) {
    List<String> out = new ArrayList<>();
    String first = lines.get(s.line() - 1);
    out.add(first.substring(first.indexOf('=') + 1).strip());
    for (int l = s.line() + 1; l <= s.endLine(); l++) {
      out.add(lines.get(l - 1));
    }
    return out;
  }
}
