package dev.coldstart.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects what module-level statements bind: names (def, class, assignment, augmented and
 * annotated assignment with a value, for and with targets, import bindings, {@code type} aliases)
 * and the literal lists {@code __all__} and {@code __lazy_modules__} (PEP 810). Only called for statements at module scope (blocks such as if and try at
 * module level included). Targets are read from the tokens: a NAME standing alone in a target list
 * ({@code a}, {@code a, b}, {@code (a, *b)}) binds; {@code a.b = ...} and {@code a[0] = ...} do not.
 */
final class ModuleNames {
  private final byte[] src;
  private final Set<String> bound = new LinkedHashSet<>();
  /** A module-level list of string literals: {@code __all__} or {@code __lazy_modules__}. */
  private static final class Declared {
    final java.util.LinkedHashMap<String, Integer> names = new java.util.LinkedHashMap<>(); // name -> line
    int line; // 0 until bound
    boolean dynamic;
  }

  private final Declared all = new Declared();
  private final Declared lazy = new Declared();
  private Declared current; // the one being read by the literal helpers

  ModuleNames(byte[] src) {
    this.src = src;
  }

  List<String> bound() {
    return new ArrayList<>(bound);
  }

  Optional<DunderAll> dunderAll() {
    return all.line == 0
        ? Optional.empty()
        : Optional.of(new DunderAll(new ArrayList<>(all.names.keySet()), all.dynamic, all.line));
  }

  Optional<LazyModules> lazyModules() {
    if (lazy.line == 0) {
      return Optional.empty();
    }
    List<LazyModules.Entry> entries = new ArrayList<>();
    lazy.names.forEach((name, line) -> entries.add(new LazyModules.Entry(name, line)));
    return Optional.of(new LazyModules(entries, lazy.dynamic, lazy.line));
  }

  boolean has(String name) {
    return bound.contains(name);
  }

  void bindToken(LogicalLine l, int t) {
    if (t < l.count && l.kind[t] == Lexer.NAME) {
      bound.add(TokenText.name(src, l, t));
    }
  }

  void bindImport(ImportStatement s) {
    for (ImportedName n : s.names()) {
      if (n.asname() != null) {
        bound.add(n.asname());
      } else if (!n.name().equals("*")) {
        int dot = n.name().indexOf('.');
        bound.add(dot < 0 ? n.name() : n.name().substring(0, dot));
      }
    }
  }

  /** A simple statement [a, b) at module scope that is not an import. */
  void simple(LogicalLine l, int a, int b) {
    if (l.kind[a] != Lexer.NAME) {
      if (l.kind[a] == Lexer.LPAR || l.kind[a] == Lexer.LSQB || l.kind[a] == Lexer.STAR) {
        assignment(l, a, b);
      }
      return;
    }
    if (TokenText.nameEquals(src, l, a, "__all__") && a + 1 < b) {
      declared(all, "__all__", l, a, b);
    } else if (TokenText.nameEquals(src, l, a, "__lazy_modules__") && a + 1 < b) {
      declared(lazy, "__lazy_modules__", l, a, b);
    }
    if (TokenText.is(src, l, a, "type") && a + 2 < b && l.kind[a + 1] == Lexer.NAME
        && (l.kind[a + 2] == Lexer.EQUAL || l.kind[a + 2] == Lexer.LSQB)) {
      bindToken(l, a + 1);
      return;
    }
    if (a + 1 < b && l.kind[a + 1] == Lexer.COLON) {
      if (l.findTop(a + 2, b, Lexer.EQUAL) >= 0) {
        bindToken(l, a);
      }
      return;
    }
    if (a + 1 < b && l.kind[a + 1] == Lexer.AUGASSIGN) {
      bindToken(l, a);
      return;
    }
    assignment(l, a, b);
  }

  private void assignment(LogicalLine l, int a, int b) {
    int d = 0;
    int seg = a;
    for (int t = a; t < b; t++) {
      byte k = l.kind[t];
      if (k == Lexer.LPAR || k == Lexer.LSQB || k == Lexer.LBRACE) {
        d++;
      } else if (k == Lexer.RPAR || k == Lexer.RSQB || k == Lexer.RBRACE) {
        d--;
      } else if (d == 0) {
        if (k == Lexer.EQUAL) {
          targets(l, seg, t);
          seg = t + 1;
        } else if (k == Lexer.NAME && TokenText.is(src, l, t, "lambda")) {
          return; // '=' after a lambda belongs to its default arguments
        }
      }
    }
  }

  /** Binds names standing alone in the target list [s, e). */
  void targets(LogicalLine l, int s, int e) {
    for (int t = s; t < e; t++) {
      if (l.kind[t] != Lexer.NAME) {
        continue;
      }
      byte prev = t == s ? Lexer.COMMA : l.kind[t - 1];
      byte next = t + 1 == e ? Lexer.COMMA : l.kind[t + 1];
      if ((prev == Lexer.COMMA || prev == Lexer.LPAR || prev == Lexer.LSQB || prev == Lexer.STAR)
          && (next == Lexer.COMMA || next == Lexer.RPAR || next == Lexer.RSQB)) {
        bindToken(l, t);
      }
    }
  }

  /** {@code for TARGETS in ...:} header tokens [s, e). */
  void forTargets(LogicalLine l, int s, int e) {
    int d = 0;
    for (int t = s; t < e; t++) {
      byte k = l.kind[t];
      if (k == Lexer.LPAR || k == Lexer.LSQB || k == Lexer.LBRACE) {
        d++;
      } else if (k == Lexer.RPAR || k == Lexer.RSQB || k == Lexer.RBRACE) {
        d--;
      } else if (d == 0 && TokenText.is(src, l, t, "in")) {
        targets(l, s, t);
        return;
      }
    }
  }

  /** {@code with A as NAME, ...:} header tokens [s, e): simple {@code as} targets. */
  void withTargets(LogicalLine l, int s, int e) {
    for (int t = s; t + 1 < e; t++) {
      if (TokenText.is(src, l, t, "as") && l.kind[t + 1] == Lexer.NAME
          && (t + 2 == e || l.kind[t + 2] == Lexer.COMMA || l.kind[t + 2] == Lexer.RPAR)) {
        bindToken(l, t + 1);
      }
    }
  }

  private void declared(Declared d, String name, LogicalLine l, int a, int b) {
    current = d;
    int t = a + 1;
    byte k = l.kind[t];
    boolean ok;
    if (k == Lexer.EQUAL || k == Lexer.COLON) {
      int eq = k == Lexer.EQUAL ? t : l.findTop(t, b, Lexer.EQUAL);
      if (eq < 0) {
        return; // a bare annotation binds nothing
      }
      int last = eq;
      for (int i = l.findTop(eq + 1, b, Lexer.EQUAL); i >= 0; i = l.findTop(i + 1, b, Lexer.EQUAL)) {
        last = i;
      }
      bind(d, name, l, a);
      d.names.clear();
      ok = literal(l, last + 1, b);
    } else if (k == Lexer.AUGASSIGN) {
      bind(d, name, l, a);
      ok = l.end[t] - l.start[t] == 2 && src[l.start[t]] == '+' && literal(l, t + 1, b);
    } else if (k == Lexer.DOT && t + 2 < b && l.kind[t + 1] == Lexer.NAME
        && l.kind[t + 2] == Lexer.LPAR && l.closeOf(t + 2) == b - 1) {
      String method = TokenText.name(src, l, t + 1);
      int s = t + 3;
      int e = b - 1;
      ok = switch (method) {
        case "extend" -> sequence(l, s, e);
        case "append" -> element(l, s, e);
        case "sort", "index", "count", "copy" -> true;
        default -> false;
      };
    } else {
      ok = l.findTop(a, b, Lexer.EQUAL) < 0 && l.findTop(a, b, Lexer.AUGASSIGN) < 0;
    }
    if (!ok) {
      d.dynamic = true;
    }
  }

  private void bind(Declared d, String name, LogicalLine l, int a) {
    bound.add(name);
    if (d.line == 0) {
      d.line = l.line[a];
    }
  }

  /** One or more list/tuple literals of strings joined by '+', or a bare tuple. */
  private boolean literal(LogicalLine l, int s, int e) {
    if (s >= e) {
      return false;
    }
    if (l.findTop(s, e, Lexer.PLUS) < 0 && !bracketed(l, s, e)) {
      return l.findTop(s, e, Lexer.COMMA) >= 0 && elements(l, s, e);
    }
    boolean ok = true;
    int part = s;
    while (part < e) {
      int plus = l.findTop(part, e, Lexer.PLUS);
      int stop = plus < 0 ? e : plus;
      ok &= sequence(l, part, stop);
      part = stop + 1;
      if (plus < 0) {
        break;
      }
    }
    return ok;
  }

  private boolean bracketed(LogicalLine l, int s, int e) {
    // __lazy_modules__ may be any container (CPython 3.15 tests membership); __all__ a sequence.
    return (l.kind[s] == Lexer.LSQB || l.kind[s] == Lexer.LPAR || current == lazy && l.kind[s] == Lexer.LBRACE)
        && l.closeOf(s) == e - 1;
  }

  private boolean sequence(LogicalLine l, int s, int e) {
    return s < e && bracketed(l, s, e) && elements(l, s + 1, e - 1);
  }

  private boolean elements(LogicalLine l, int s, int e) {
    boolean ok = true;
    int el = s;
    while (el < e) {
      int comma = l.findTop(el, e, Lexer.COMMA);
      int stop = comma < 0 ? e : comma;
      ok &= element(l, el, stop);
      el = stop + 1;
    }
    return ok;
  }

  /** Adjacent str literals (implicitly concatenated) forming one name. */
  private boolean element(LogicalLine l, int s, int e) {
    if (s >= e) {
      return false;
    }
    StringBuilder sb = new StringBuilder();
    for (int t = s; t < e; t++) {
      String v = l.kind[t] == Lexer.STRING ? TokenText.stringValue(src, l.start[t], l.end[t]) : null;
      if (v == null) {
        return false;
      }
      sb.append(v);
    }
    current.names.putIfAbsent(sb.toString(), l.line[s]);
    return true;
  }
}
