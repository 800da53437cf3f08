package dev.coldstart.graph;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
