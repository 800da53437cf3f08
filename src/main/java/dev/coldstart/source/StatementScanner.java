package dev.coldstart.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks logical lines and keeps a stack of open compound statement bodies, which is all it takes
 * to give each import CPython's view of its context without building a tree.
 *
 * <p>Algorithm: a line indented at column c first closes every body whose header sits at column
 * c or deeper; the outermost one closed at exactly c is the line's sibling, which lets {@code
 * elif}/{@code else}/{@code except}/{@code finally} join their statement. A line starting with a
 * compound keyword (or the soft keywords {@code match}, and {@code case} inside a match) pushes a
 * body; simple statements after its ':' on the same line belong to that body. Simple statements
 * are split at ';'. An import's scope, conditional and type_checking flags come from the stack
 * when it is seen; guarded needs the try's handlers, which come later, so each import in a try
 * body is also kept by that try and marked when a handler catching ImportError appears.
 *
 * <p>Cost: one pass over the tokens of each line, plus a walk of the (shallow) stack per import.
 */
final class StatementScanner {
  private final byte[] src;
  private final int length; // of the source in src
  private final List<Diagnostic> diagnostics;
  private final LogicalLine l = new LogicalLine();
  private final List<Block.PendingImport> imports = new ArrayList<>();
  private final ModuleNames names;
  private Block[] stack = new Block[16];
  private int size;
  private int scopes; // FUNCTION and CLASS bodies on the stack

  /** Whether the lexer passes over plain statements inside def and class bodies (faster). */
  private final boolean skipPlain;

  StatementScanner(byte[] src, int length, List<Diagnostic> diagnostics, boolean skipPlain) {
    this.src = src;
    this.length = length;
    this.diagnostics = diagnostics;
    this.names = new ModuleNames(src);
    this.skipPlain = skipPlain;
  }

  void run() {
    Lexer lexer = new Lexer(src, length, diagnostics);
    while (lexer.startLine(l)) {
      Block sibling = dedent(l.indent);
      // Inside a def or class only imports and block headers matter: the lexer skips the rest.
      lexer.finishLine(l, skipPlain && scopes > 0);
      if (l.count > 0) {
        line(sibling);
      }
    }
  }

  List<ImportStatement> imports() {
    List<ImportStatement> out = new ArrayList<>(imports.size());
    for (Block.PendingImport p : imports) {
      out.add(p.done());
    }
    return out;
  }

  ModuleNames names() {
    return names;
  }

  /**
   * Closes every body whose header sits at column c or deeper; returns the one closed at exactly
   * c (the new line's sibling, which elif/else/except/finally join), or null.
   */
  private Block dedent(int c) {
    Block sibling = null;
    while (size > 0 && stack[size - 1].indent >= c) {
      sibling = stack[--size];
      stack[size] = null;
      if (sibling.isScope()) {
        scopes--;
      }
    }
    return sibling != null && sibling.indent == c ? sibling : null;
  }

  private void line(Block sibling) {
    if (l.kind[0] == Lexer.NAME && header(l.indent, sibling)) {
      return;
    }
    simpleStatements(0, l.count);
  }

  /** Handles a compound statement header; false when the line is not one. */
  private boolean header(int indent, Block sibling) {
    int k = 0;
    if (TokenText.is(src, l, 0, "async")) {
      k = 1;
    }
    int first = src[l.start[k]];
    int len = l.end[k] - l.start[k];
    if (l.kind[k] != Lexer.NAME || len < 2 || len > 7 || first < 'a' || first > 'w') {
      return false;
    }
    String kw = keyword(k);
    if (kw == null) {
      return false;
    }
    int colon = headerColon(k + 1);
    if (kw.equals("match") || kw.equals("case")) {
      boolean ok = k == 0 && l.count >= 3 && colon > 1
          && (kw.equals("match")
              ? colon == l.count - 1
              : size > 0 && stack[size - 1].kind == Block.MATCH);
      if (!ok) {
        return false;
      }
    } else if (k == 1 && !(kw.equals("def") || kw.equals("for") || kw.equals("with"))) {
      return false;
    }
    if (colon < 0) {
      diagnostics.add(new Diagnostic(l.line[k], "expected ':' after '" + kw + "'"));
      return true;
    }
    Block b = switch (kw) {
      case "if" -> {
        boolean tc = isTypeChecking(k + 1, colon);
        yield new Block(Block.IF, indent, tc, !tc, null);
      }
      case "elif" -> new Block(Block.IF, indent, isTypeChecking(k + 1, colon), true, null);
      case "else" -> new Block(Block.ELSE, indent, false, true, null);
      case "while" -> new Block(Block.LOOP, indent, false, true, null);
      case "for" -> {
        if (scopes == 0) {
          names.forTargets(l, k + 1, colon);
        }
        yield new Block(Block.LOOP, indent, false, true, null);
      }
      case "try" -> new Block(Block.TRY, indent, false, false, new Block.TryStatement());
      case "except" -> {
        Block.TryStatement ts = null;
        if (sibling != null && (sibling.kind == Block.TRY || sibling.kind == Block.HANDLER)) {
          ts = sibling.tryStatement;
        } else {
          diagnostics.add(new Diagnostic(l.line[k], "'except' without 'try'"));
        }
        if (ts != null && handlerCatchesImportError(k + 1, colon)) {
          ts.handlerGuards();
        }
        yield new Block(Block.HANDLER, indent, false, true, ts);
      }
      case "finally" -> new Block(Block.FINALLY, indent, false, true, null);
      case "with" -> {
        if (scopes == 0) {
          names.withTargets(l, k + 1, colon);
        }
        yield new Block(Block.WITH, indent, false, false, null);
      }
      case "def", "class" -> {
        if (scopes == 0) {
          names.bindToken(l, k + 1);
        }
        yield new Block(kw.equals("def") ? Block.FUNCTION : Block.CLASS, indent, false, false, null);
      }
      case "match" -> new Block(Block.MATCH, indent, false, false, null);
      default -> new Block(Block.CASE, indent, false, true, null); // case
    };
    push(b);
    if (colon + 1 < l.count) {
      simpleStatements(colon + 1, l.count);
    }
    return true;
  }

  private static final String[] KEYWORDS = {
    "if", "elif", "else", "while", "for", "try", "except", "finally", "with", "def", "class",
    "match", "case"
  };

  private String keyword(int t) {
    for (String kw : KEYWORDS) {
      if (TokenText.is(src, l, t, kw)) {
        return kw;
      }
    }
    return null;
  }

  /** Deeper bodies are not tracked (CPython allows 100 indentation levels); keeps work linear. */
  private static final int MAX_DEPTH = 1000;

  /** Parentheses stripped around a test at most (CPython's parser nests about 200). */
  private static final int MAX_PARENS = 200;

  private void push(Block b) {
    if (size >= MAX_DEPTH) {
      if (size == MAX_DEPTH) {
        diagnostics.add(new Diagnostic(l.line[0], "blocks nested too deeply; inner ones not tracked"));
      }
      return;
    }
    if (size == stack.length) {
      stack = Arrays.copyOf(stack, size * 2);
    }
    stack[size++] = b;
    if (b.isScope()) {
      scopes++;
    }
  }

  /** The ':' ending a header that starts after token from; a lambda's ':' is skipped. */
  private int headerColon(int from) {
    int d = 0;
    int lambdas = 0;
    for (int t = from; t < l.count; t++) {
      byte k = l.kind[t];
      if (k == Lexer.LPAR || k == Lexer.LSQB || k == Lexer.LBRACE) {
        d++;
      } else if (k == Lexer.RPAR || k == Lexer.RSQB || k == Lexer.RBRACE) {
        d--;
      } else if (d == 0) {
        if (k == Lexer.COLON) {
          if (lambdas == 0) {
            return t;
          }
          lambdas--;
        } else if (k == Lexer.NAME && TokenText.is(src, l, t, "lambda")) {
          lambdas++;
        }
      }
    }
    return -1;
  }

  private void simpleStatements(int from, int to) {
    int d = 0;
    int s = from;
    for (int t = from; t < to; t++) {
      byte k = l.kind[t];
      if (k == Lexer.LPAR || k == Lexer.LSQB || k == Lexer.LBRACE) {
        d++;
      } else if (k == Lexer.RPAR || k == Lexer.RSQB || k == Lexer.RBRACE) {
        d--;
      } else if (k == Lexer.SEMI && d == 0) {
        if (t > s) {
          simple(s, t);
        }
        s = t + 1;
      }
    }
    if (s < to) {
      simple(s, to);
    }
  }

  private void simple(int a, int b) {
    if (l.kind[a] == Lexer.NAME) {
      int len = l.end[a] - l.start[a];
      if (len == 6 && TokenText.is(src, l, a, "import") || len == 4 && TokenText.is(src, l, a, "from")) {
        addImport(a, a, b, false);
        return;
      }
      if (len == 4 && TokenText.is(src, l, a, "lazy")
          && (TokenText.is(src, l, a + 1, "import") || TokenText.is(src, l, a + 1, "from"))
          && a + 1 < b) {
        addImport(a, a + 1, b, true);
        return;
      }
    }
    if (scopes == 0) {
      names.simple(l, a, b);
    }
  }

  private void addImport(int first, int kw, int end, boolean lazy) {
    Scope scope = Scope.MODULE;
    boolean conditional = false;
    boolean typeChecking = false;
    boolean inTry = false; // a try body: imports there may become guarded
    boolean inTryStatement = false;
    boolean inScope = true;
    for (int i = size - 1; i >= 0; i--) {
      Block b = stack[i];
      typeChecking |= b.typeChecking;
      if (!inScope) {
        continue;
      }
      if (b.isScope()) {
        scope = b.kind == Block.FUNCTION ? Scope.FUNCTION : Scope.CLASS;
        inScope = false;
      } else {
        conditional |= b.conditional;
        inTry |= b.kind == Block.TRY;
        inTryStatement |= b.kind == Block.TRY || b.kind == Block.HANDLER || b.kind == Block.FINALLY;
      }
    }
    ImportStatement s = ImportParser.parse(
        src, l, first, kw, end, lazy, scope, typeChecking, conditional, inTryStatement, diagnostics);
    if (s == null) {
      return;
    }
    Block.PendingImport p = new Block.PendingImport(s);
    imports.add(p);
    if (inTry) {
      for (int i = size - 1; i >= 0 && !stack[i].isScope(); i--) {
        if (stack[i].kind == Block.TRY) {
          stack[i].tryStatement.body.add(p);
        }
      }
    }
    if (scopes == 0) {
      names.bindImport(s);
    }
    if (lazy && (scope != Scope.MODULE || inTryStatement)) {
      diagnostics.add(new Diagnostic(s.line(), "lazy import is allowed only at module level"));
    } else if (lazy && s.names().get(0).name().equals("*")) {
      diagnostics.add(new Diagnostic(s.line(), "lazy from ... import * is not allowed"));
    }
  }

  /** The test [s, e) is exactly {@code TYPE_CHECKING} or {@code NAME.TYPE_CHECKING}. */
  private boolean isTypeChecking(int s, int e) {
    for (int n = 0; n < MAX_PARENS && e - s >= 2 && l.kind[s] == Lexer.LPAR && l.closeOf(s) == e - 1;
        n++) {
      s++;
      e--;
    }
    if (e - s == 1) {
      return TokenText.nameEquals(src, l, s, "TYPE_CHECKING");
    }
    if (e - s < 3 || l.kind[e - 2] != Lexer.DOT || !TokenText.nameEquals(src, l, e - 1, "TYPE_CHECKING")) {
      return false;
    }
    int ps = s;
    int pe = e - 2;
    for (int n = 0; n < MAX_PARENS && pe - ps >= 2 && l.kind[ps] == Lexer.LPAR
        && l.closeOf(ps) == pe - 1; n++) {
      ps++;
      pe--;
    }
    return pe - ps == 1 && l.kind[ps] == Lexer.NAME;
  }

  /**
   * Whether an except clause [s, e) (after 'except') catches import failures: bare, one of the
   * names, or a tuple with one of them as a direct element.
   */
  private boolean handlerCatchesImportError(int s, int e) {
    if (s < e && l.kind[s] == Lexer.STAR) {
      s++; // except*
    }
    for (int t = s; t < e; t++) {
      if (TokenText.is(src, l, t, "as") && topLevel(s, t)) {
        e = t;
        break;
      }
    }
    if (s >= e) {
      return true;
    }
    for (int n = 0; n < MAX_PARENS && e - s >= 2 && l.kind[s] == Lexer.LPAR
        && l.closeOf(s) == e - 1 && l.findTop(s + 1, e - 1, Lexer.COMMA) < 0; n++) {
      s++;
      e--;
    }
    if (e - s == 1) {
      return catchesImport(s);
    }
    if (e - s >= 2 && l.kind[s] == Lexer.LPAR && l.closeOf(s) == e - 1) {
      s++;
      e--;
    }
    if (l.findTop(s, e, Lexer.COMMA) < 0) {
      return false;
    }
    int el = s;
    while (el < e) {
      int comma = l.findTop(el, e, Lexer.COMMA);
      int stop = comma < 0 ? e : comma;
      int a = el;
      int z = stop;
      for (int n = 0; n < MAX_PARENS && z - a >= 2 && l.kind[a] == Lexer.LPAR
          && l.closeOf(a) == z - 1 && l.findTop(a + 1, z - 1, Lexer.COMMA) < 0; n++) {
        a++;
        z--;
      }
      if (z - a == 1 && catchesImport(a)) {
        return true;
      }
      el = stop + 1;
    }
    return false;
  }

  /** Token t is at bracket depth 0 within [s, ...]. */
  private boolean topLevel(int s, int t) {
    int d = 0;
    for (int i = s; i < t; i++) {
      byte k = l.kind[i];
      if (k == Lexer.LPAR || k == Lexer.LSQB || k == Lexer.LBRACE) {
        d++;
      } else if (k == Lexer.RPAR || k == Lexer.RSQB || k == Lexer.RBRACE) {
        d--;
      }
    }
    return d == 0;
  }

  private boolean catchesImport(int t) {
    return TokenText.nameEquals(src, l, t, "ImportError")
        || TokenText.nameEquals(src, l, t, "ModuleNotFoundError")
        || TokenText.nameEquals(src, l, t, "Exception")
        || TokenText.nameEquals(src, l, t, "BaseException");
  }
}
