package dev.coldstart.rules;

import dev.coldstart.gate.CheckConfig;
import dev.coldstart.python.Target;
import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.SourceScanner;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which linted modules each configured entry reaches without running anything: a breadth-first
 * search from the entry's modules over module-level imports (outside {@code TYPE_CHECKING}, not
 * lazy) between linted files, where importing {@code a.b.c} also runs {@code a} and {@code a.b}
 * first. Each reached module keeps the shortest chain that reaches it. Imports of modules outside
 * the linted files end the chain (their code is not read here). Cost: linear in imports.
 */
final class StaticReach {
  private StaticReach() {}

  static Map<String, List<LintContext.Reach>> of(List<CheckConfig.Entry> entries, Map<String, PythonFile> byModule) {
    Map<String, List<LintContext.Reach>> out = new HashMap<>();
    for (CheckConfig.Entry e : entries) {
      if (e.forbid().isEmpty() || e.target() == null) {
        continue;
      }
      Map<String, List<String>> chains = new LinkedHashMap<>();
      ArrayDeque<String> todo = new ArrayDeque<>();
      for (String start : startModules(e.target())) {
        for (String m : withParents(start)) {
          if (byModule.containsKey(m) && !chains.containsKey(m)) {
            chains.put(m, List.of(m));
            todo.add(m);
          }
        }
      }
      while (!todo.isEmpty()) {
        String m = todo.poll();
        PythonFile f = byModule.get(m);
        for (ImportStatement s : f.facts().imports()) {
          if (!Imports.runsAtImport(s)) {
            continue;
          }
          for (String target : Imports.modules(s, f)) {
            for (String next : withParents(target)) {
              if (byModule.containsKey(next) && !chains.containsKey(next)) {
                List<String> chain = new ArrayList<>(chains.get(m));
                chain.add(next);
                chains.put(next, List.copyOf(chain));
                todo.add(next);
              }
            }
          }
        }
      }
      chains.forEach((m, chain) ->
          out.computeIfAbsent(m, k -> new ArrayList<>()).add(new LintContext.Reach(e.name(), e.forbid(), chain, program(e.target()))));
    }
    return out;
  }

  /** a.b.c -> a, a.b, a.b.c: the order Python runs them. */
  static List<String> withParents(String module) {
    List<String> out = new ArrayList<>();
    int dot = -1;
    while ((dot = module.indexOf('.', dot + 1)) > 0) {
      out.add(module.substring(0, dot));
    }
    out.add(module);
    return out;
  }

  /** The arguments that make {@code coldstart why} run an entry's target, shell-quoted; null for a log. */
  static String program(Target t) {
    return switch (t) {
      case Target.Module m -> "--from " + m.name();
      case Target.RunModule r -> "-m " + words(r.module(), r.args());
      case Target.Code c -> "-c " + quote(c.code());
      case Target.Script s -> "--from " + words(s.script().toString(), s.args());
      case Target.Log l -> null;
    };
  }

  private static String words(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(quote(first)));
    rest.forEach(a -> all.add(quote(a)));
    return String.join(" ", all);
  }

  /** A word as a POSIX shell reads it back: as is when plain, else in single quotes. */
  static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** The modules an entry's target imports first. */
  private static List<String> startModules(Target t) {
    return switch (t) {
      case Target.Module m -> List.of(m.name());
      case Target.RunModule r -> List.of(r.module());
      case Target.Code c -> absoluteImports(SourceScanner.scan(c.code()).imports());
      case Target.Script s -> {
        try {
          yield absoluteImports(SourceScanner.scan(Files.readAllBytes(s.script())).imports());
        } catch (java.io.IOException | RuntimeException ex) {
          yield List.of();
        }
      }
      case Target.Log l -> List.of();
    };
  }

  private static List<String> absoluteImports(List<ImportStatement> imports) {
    List<String> out = new ArrayList<>();
    for (ImportStatement s : imports) {
      if (s.level() == 0 && Imports.runsAtImport(s)) {
        out.addAll(s.modules());
      }
    }
    return out;
  }
}
