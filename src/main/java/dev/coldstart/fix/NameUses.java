package dev.coldstart.fix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each name of a module is used, and in which scope: a token-level pass, no parse tree. The
 * codemods ask it whether a module-level import's names are used at import time, only inside
 * functions, or only in annotations.
 *
 * <p>Algorithm: tokenize into logical lines (strings, comments, brackets, backslash joins), keep a
 * stack of open {@code def} and {@code class} bodies by indentation, and classify each identifier
 * that is not an attribute ({@code x.name}) nor a keyword argument: its context (module, class
 * body, function body; a def header belongs to the scope around it, as Python evaluates
 * decorators, defaults and annotations there), whether it sits in an annotation (a parameter or
 * return annotation, or {@code name: ANNOTATION = value}), and whether it is bound there
 * (assignment target, {@code for}/{@code as}/{@code global}/{@code del}/{@code import} name,
 * parameter). Identifiers inside f-strings count as uses where the string is (an over-estimate,
 * which only makes codemods more careful). Cost: linear in the file size.
 */
final class NameUses {
  enum Context {
    MODULE,
    CLASS,
    FUNCTION
  }

  /**
   * One occurrence of a name. function is the index in {@link #defs()} of the outermost def whose
   * body holds it (-1 outside functions).
   */
  record Use(String name, int line, Context context, int function, boolean annotation, boolean binding) {}

  /**
   * One def. insertLine is the 1-based line before which a statement can go as the first of the
   * body (after a docstring); 0 when the body shares the header's line. bodyIndent is that body's
   * indentation text. params are the parameter names. endLine is its last line.
   */
  static final class Def {
    final int headerLine;
    final int indent;
    final boolean outermost;
    int insertLine;
    String bodyIndent = "";
    boolean inlineBody;
    final Set<String> params = new HashSet<>();
    int endLine;

    Def(int headerLine, int indent, boolean outermost) {
      this.headerLine = headerLine;
      this.indent = indent;
      this.outermost = outermost;
    }
  }

  private final List<Use> uses = new ArrayList<>();
  /** A call at import time; pureCallee is set when it is a builtin applied to literals only. */
  private record Call(int line, String pureCallee) {}

  private final List<Call> calls = new ArrayList<>();
  private final List<Def> defs = new ArrayList<>();
  private final List<String> lines;

  private NameUses(List<String> lines) {
    this.lines = lines;
  }

  List<Use> uses() {
    return uses;
  }

  List<Def> defs() {
    return defs;
  }

  /**
   * Lines of code that runs at import time (module level or class bodies) and calls something. A
   * builtin that only builds a value from literals ({@code frozenset({"a", "b"})}, {@code
   * tuple(sorted([2, 1]))}) does not count, unless the module rebinds that builtin's name.
   */
  List<Integer> moduleLevelCallLines() {
    Set<String> rebound = new HashSet<>();
    for (Use u : uses) {
      if (u.binding()) {
        rebound.add(u.name());
      }
    }
    List<Integer> out = new ArrayList<>();
    for (Call c : calls) {
      boolean pure = c.pureCallee() != null && !rebound.contains(c.pureCallee());
      if (!pure && (out.isEmpty() || out.get(out.size() - 1) != c.line())) {
        out.add(c.line());
      }
    }
    return out;
  }

  /**
   * Lines of code that runs at import time and reads or writes an attribute of a value ({@code
   * S.Complexes}, {@code pkg.FLAG = 1}): a property, a module {@code __getattr__} or a registry
   * may run there, and may depend on what the imports above it did.
   */
  List<Integer> moduleLevelAttributeLines() {
    return attributeLines;
  }

  private final List<Integer> attributeLines = new ArrayList<>();

  private void noteAttribute(List<PyTokens.Token> l, int t, Context ctx) {
    if (ctx == Context.FUNCTION || !l.get(t).is(".") || t == 0 || t + 1 >= l.size()) {
      return;
    }
    PyTokens.Token prev = l.get(t - 1);
    boolean value = prev.kind() == PyTokens.Kind.NAME && !KEYWORDS.contains(prev.text())
        || prev.is(")") || prev.is("]");
    int line = l.get(t).line();
    if (value && (attributeLines.isEmpty() || attributeLines.get(attributeLines.size() - 1) != line)) {
      attributeLines.add(line);
    }
  }

  /** Builtins that build a value from their arguments and touch nothing else. */
  static final Set<String> PURE_BUILTINS = Set.of(
      "frozenset", "set", "tuple", "list", "dict", "sorted", "len", "min", "max", "sum", "int",
      "float", "complex", "str", "bytes", "bool", "range", "abs", "round", "chr", "ord", "repr");

  private void noteCall(List<PyTokens.Token> l, int t, Context ctx) {
    PyTokens.Token tok = l.get(t);
    if (ctx == Context.FUNCTION || !tok.is("(") || t == 0) {
      return;
    }
    PyTokens.Token prev = l.get(t - 1);
    boolean callee = prev.kind() == PyTokens.Kind.NAME && !KEYWORDS.contains(prev.text())
        || prev.is(")") || prev.is("]") || prev.kind() == PyTokens.Kind.STRING;
    if (!callee) {
      return;
    }
    boolean attribute = t >= 2 && l.get(t - 2).is(".");
    String pure = prev.kind() == PyTokens.Kind.NAME && !attribute && PURE_BUILTINS.contains(prev.text())
        && literalArguments(l, t) ? prev.text() : null;
    calls.add(new Call(tok.line(), pure));
  }

  /**
   * Whether the parenthesised arguments opening at token open hold only literals, punctuation and
   * calls of pure builtins (each checked on its own by noteCall). Cost: one pass over the arguments.
   */
  private static boolean literalArguments(List<PyTokens.Token> l, int open) {
    int depth = 0;
    for (int i = open; i < l.size(); i++) {
      PyTokens.Token k = l.get(i);
      switch (k.kind()) {
        case NUMBER -> { }
        case STRING -> {
          if (!k.fstringNames().isEmpty()) {
            return false;
          }
        }
        case NAME -> {
          boolean literal = k.text().equals("True") || k.text().equals("False") || k.text().equals("None");
          boolean builtinCall = PURE_BUILTINS.contains(k.text()) && i + 1 < l.size() && l.get(i + 1).is("(")
              && !l.get(i - 1).is(".");
          if (!literal && !builtinCall) {
            return false;
          }
        }
        case OP -> {
          if (k.is("(") || k.is("[") || k.is("{")) {
            depth++;
          } else if (k.is(")") || k.is("]") || k.is("}")) {
            depth--;
            if (depth == 0) {
              return true;
            }
          } else if (k.is(".")) {
            return false; // an attribute: a method call or a module's value
          }
        }
      }
    }
    return false;
  }

  static NameUses of(SourceText text) {
    NameUses u = new NameUses(text.lines());
    u.run(PyTokens.logicalLines(text.joined()));
    return u;
  }

  /** Every use of name outside the line range [fromLine, toLine] (1-based, inclusive). */
  List<Use> usesOf(String name, int fromLine, int toLine) {
    return uses.stream()
        .filter(u -> u.name().equals(name) && (u.line() < fromLine || u.line() > toLine))
        .toList();
  }

  private static final Set<String> KEYWORDS = Set.of(
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
      "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
      "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
      "while", "with", "yield");

  private static final class Open {
    final int indent;
    final boolean function;
    final int defIndex;

    Open(int indent, boolean function, int defIndex) {
      this.indent = indent;
      this.function = function;
      this.defIndex = defIndex;
    }
  }

  private final List<Open> stack = new ArrayList<>();
  private Def awaitingBody;

  private void run(List<List<PyTokens.Token>> logical) {
    for (List<PyTokens.Token> l : logical) {
      PyTokens.Token first = l.get(0);
      int indent = indentOf(first.line());
      while (!stack.isEmpty() && stack.get(stack.size() - 1).indent >= indent) {
        stack.remove(stack.size() - 1);
      }
      if (awaitingBody != null) {
        Def d = awaitingBody;
        awaitingBody = null;
        if (indent > d.indent) {
          d.bodyIndent = lines.get(first.line() - 1).substring(0, indent);
          boolean docstring = l.size() == 1 && first.kind() == PyTokens.Kind.STRING;
          d.insertLine = docstring ? l.get(l.size() - 1).endLine() + 1 : first.line();
        }
      }
      for (Open o : stack) {
        if (o.function) {
          defs.get(o.defIndex).endLine = l.get(l.size() - 1).endLine();
        }
      }
      int k = first.is("async") && l.size() > 1 ? 1 : 0;
      if (l.get(k).is("def") || l.get(k).is("class")) {
        header(l, k, indent);
      } else if (first.is("import") || first.is("from") || (first.is("lazy") && l.size() > 1
          && (l.get(1).is("import") || l.get(1).is("from")))) {
        importStatement(l);
      } else {
        statement(l, 0, l.size(), true);
      }
    }
  }

  private int indentOf(int line) {
    String s = lines.get(line - 1);
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
      i++;
    }
    return i;
  }

  private Context context() {
    for (Open o : stack) {
      if (o.function) {
        return Context.FUNCTION;
      }
    }
    return stack.isEmpty() ? Context.MODULE : Context.CLASS;
  }

  private int outermostFunction() {
    for (Open o : stack) {
      if (o.function) {
        return o.defIndex;
      }
    }
    return -1;
  }

  private void header(List<PyTokens.Token> l, int k, int indent) {
    boolean def = l.get(k).is("def");
    int colon = topLevel(l, k + 1, ":");
    int end = colon < 0 ? l.size() : colon;
    Context ctx = context();
    int fn = outermostFunction();
    Def d = null;
    if (def) {
      d = new Def(l.get(0).line(), indent, fn < 0);
      d.endLine = l.get(l.size() - 1).endLine();
    }
    // Header: the name binds, the rest is evaluated in the enclosing scope.
    if (k + 1 < end) {
      add(l.get(k + 1).text(), l.get(k + 1).line(), ctx, fn, false, true);
    }
    int depth = 0;
    boolean annotation = false;
    for (int t = k + 2; t < end; t++) {
      PyTokens.Token tok = l.get(t);
      if (tok.isOpen()) {
        depth++;
      } else if (tok.isClose()) {
        depth--;
      }
      if (t > k + 2) {
        noteCall(l, t, ctx);
      }
      if (def) {
        if (depth == 1 && tok.is(":")) {
          annotation = true;
          continue;
        }
        if ((depth == 1 && (tok.is(",") || tok.is("="))) || (depth == 0 && tok.is(")"))) {
          annotation = false;
        }
        if (depth == 0 && tok.is("->")) {
          annotation = true;
          continue;
        }
        if (depth == 1 && tok.kind() == PyTokens.Kind.NAME && !KEYWORDS.contains(tok.text())) {
          PyTokens.Token prev = l.get(t - 1);
          if (prev.is("(") || prev.is(",") || prev.is("*") || prev.is("**")) {
            d.params.add(tok.text());
            continue;
          }
        }
      }
      token(l, t, ctx, fn, annotation && def, depth);
    }
    if (def) {
      defs.add(d);
      stack.add(new Open(indent, true, defs.size() - 1));
    } else {
      stack.add(new Open(indent, false, -1));
    }
    if (colon >= 0 && colon + 1 < l.size()) {
      if (d != null) {
        d.inlineBody = true;
      }
      statement(l, colon + 1, l.size(), false);
      stack.remove(stack.size() - 1); // a one-line body ends with its line
    } else if (d != null) {
      awaitingBody = d;
    }
  }

  private void importStatement(List<PyTokens.Token> l) {
    Context ctx = context();
    if (ctx == Context.MODULE) {
      return; // module-level imports are the scanner's ImportStatement facts
    }
    int fn = outermostFunction();
    int kw = topLevel(l, 0, "import");
    if (kw < 0) {
      return;
    }
    int t = kw + 1;
    while (t < l.size()) {
      int comma = topLevel(l, t, ",");
      int e = comma < 0 ? l.size() : comma;
      PyTokens.Token bound = null;
      for (int i = t; i < e; i++) {
        PyTokens.Token tok = l.get(i);
        if (tok.is("as") && i + 1 < e) {
          bound = l.get(i + 1);
          break;
        }
        if (bound == null && tok.kind() == PyTokens.Kind.NAME) {
          bound = tok;
        }
      }
      if (bound != null) {
        add(bound.text(), bound.line(), ctx, fn, false, true);
      }
      t = e + 1;
    }
  }

  /** A simple statement (or several, split at ';') in tokens [a, b). */
  private void statement(List<PyTokens.Token> l, int a, int b, boolean canAnnotate) {
    Context ctx = context();
    int fn = outermostFunction();
    int s = a;
    while (s < b) {
      int semi = topLevel(l, s, ";");
      int e = semi < 0 || semi >= b ? b : semi;
      int annStart = -1;
      int annEnd = -1;
      if (canAnnotate && e - s >= 3 && l.get(s).kind() == PyTokens.Kind.NAME
          && !KEYWORDS.contains(l.get(s).text())) {
        int colon = topLevel(l, s + 1, ":");
        int firstEq = topLevel(l, s + 1, "=");
        boolean simpleTarget = colon > s && colon < e && (firstEq < 0 || firstEq > colon);
        for (int t = s + 1; simpleTarget && t < colon; t++) {
          simpleTarget = l.get(t).is(".") || l.get(t).kind() == PyTokens.Kind.NAME;
        }
        if (simpleTarget) {
          annStart = colon + 1;
          int eq = topLevel(l, colon + 1, "=");
          annEnd = eq < 0 || eq >= e ? e : eq;
        }
      }
      int depth = 0;
      int firstEq = topLevel(l, s, "=");
      boolean targets = firstEq >= 0 && firstEq < e;
      for (int t = s; t < e; t++) {
        PyTokens.Token tok = l.get(t);
        if (tok.isOpen()) {
          depth++;
        } else if (tok.isClose()) {
          depth--;
        }
        boolean ann = t >= annStart && t < annEnd;
        noteCall(l, t, ctx);
        noteAttribute(l, t, ctx);
        if (targets && t < firstEq && tok.kind() == PyTokens.Kind.NAME && !ann
            && (t == s || !l.get(t - 1).is("."))
            && (t + 1 < e && (l.get(t + 1).is(",") || l.get(t + 1).is("=") || l.get(t + 1).is(")")
                || l.get(t + 1).is("]")))) {
          add(tok.text(), tok.line(), ctx, fn, false, true);
          continue;
        }
        token(l, t, ctx, fn, ann, depth);
      }
      s = e + 1;
    }
  }

  private void token(List<PyTokens.Token> l, int t, Context ctx, int fn, boolean annotation, int depth) {
    PyTokens.Token tok = l.get(t);
    if (tok.kind() == PyTokens.Kind.STRING) {
      if (!annotation) {
        for (String name : tok.fstringNames()) {
          add(name, tok.line(), ctx, fn, false, false);
        }
      }
      return;
    }
    if (tok.kind() != PyTokens.Kind.NAME || KEYWORDS.contains(tok.text())) {
      return;
    }
    PyTokens.Token prev = t > 0 ? l.get(t - 1) : null;
    PyTokens.Token next = t + 1 < l.size() ? l.get(t + 1) : null;
    if (prev != null && prev.is(".")) {
      return; // an attribute, not a name
    }
    if (depth > 0 && next != null && next.is("=") && prev != null && (prev.is("(") || prev.is(","))) {
      return; // a keyword argument
    }
    boolean binding = next != null && (next.is(":=") || next.isAugmented())
        || prev != null && (prev.is("as") || prev.is("for") || prev.is("global") || prev.is("nonlocal")
            || prev.is("del") || prev.is("lambda"));
    add(tok.text(), tok.line(), ctx, fn, annotation, binding);
  }

  private void add(String name, int line, Context ctx, int fn, boolean annotation, boolean binding) {
    uses.add(new Use(name, line, ctx, fn, annotation, binding));
  }

  /** The first token equal to op at bracket depth 0 at or after from, or -1. */
  static int topLevel(List<PyTokens.Token> l, int from, String op) {
    int depth = 0;
    for (int t = from; t < l.size(); t++) {
      PyTokens.Token tok = l.get(t);
      if (tok.isOpen()) {
        depth++;
      } else if (tok.isClose()) {
        depth--;
      } else if (depth == 0 && tok.is(op) && tok.kind() != PyTokens.Kind.STRING) {
        return t;
      }
    }
    return -1;
  }
}
