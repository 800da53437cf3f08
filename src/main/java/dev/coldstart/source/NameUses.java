package dev.coldstart.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * (Just over 500 lines: one token-level pass with its own small tokenizer for the cases the
 * statement scanner skips, such as names inside f-string replacement fields.)
 *
 * <p>Where each name is used in a Python file, as far as the lint rules and explain need it: for every identifier
 * reference, its line, whether it sits inside a function body (runs when the function is called,
 * not at import) and whether it sits in an annotation. Also the comments by line (for
 * suppressions) and whether {@code from __future__ import annotations} is in force.
 *
 * <p>A token-level pass, not a parser: a small tokenizer (strings with all prefixes, triple quotes,
 * f-string replacement fields, comments, brackets, line continuations) groups tokens into logical
 * lines with their indentation; {@code def} headers open a function scope for the lines indented
 * under them (or the rest of their own line). Annotations are parameter annotations and return
 * annotations of {@code def} headers, and {@code NAME: T} / {@code a.b: T} variable annotations
 * up to their {@code =}.
 *
 * <p>It errs on the side of "used at import time": names in lambdas, comprehensions, decorators,
 * default values and class bodies count as module-level uses, and any identifier inside an
 * f-string's braces counts as a use. A binding (a parameter name, an assignment target) also counts
 * as a use. So the rules that need "used only in functions / only in annotations" can miss a case,
 * but do not report a name that import-time code needs. Attribute names ({@code x.attr}) and keyword
 * argument names ({@code f(attr=1)}) are not uses. Cost: linear in the file.
 */
public final class NameUses {
  /**
   * One reference to a name.
   *
   * @param owner the module-level function or class whose header or body holds it (defined at the
   *     top or in a module-level block such as {@code if}/{@code try}), or null at module level
   */
  public record Use(String name, int line, boolean inFunction, boolean inAnnotation, String owner) {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
          "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
          "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

  private final List<Use> uses = new ArrayList<>();
  private final Map<Integer, String> comments = new HashMap<>();
  private boolean futureAnnotations;
  private String owner;

  private NameUses() {}

  public List<Use> uses() {
    return uses;
  }

  /** Comment text (after '#') by 1-based line. */
  public Map<Integer, String> comments() {
    return comments;
  }

  public boolean futureAnnotations() {
    return futureAnnotations;
  }

  /**
   * The module-level functions and classes (see {@link Use#owner}) that run at import time: those named at module level
   * (called, decorated, subclassed, instantiated... a mention is enough), and those named inside
   * one that runs, transitively. Their bodies' uses count as import-time uses.
   */
  public java.util.Set<String> runAtImport() {
    java.util.Set<String> owners = new java.util.HashSet<>();
    uses.forEach(u -> {
      if (u.owner() != null) {
        owners.add(u.owner());
      }
    });
    java.util.Set<String> run = new java.util.HashSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
    for (Use u : uses) {
      if (!u.inFunction() && owners.contains(u.name()) && !u.name().equals(u.owner()) && run.add(u.name())) {
        todo.add(u.name());
      }
    }
    while (!todo.isEmpty()) {
      String f = todo.poll();
      for (Use u : uses) {
        if (f.equals(u.owner()) && owners.contains(u.name()) && run.add(u.name())) {
          todo.add(u.name());
        }
      }
    }
    return run;
  }

  /** The uses in {@code source}, the text of a Python file. */
  public static NameUses scan(String source) {
    NameUses n = new NameUses();
    List<LogicalLine> lines = new Tokenizer(source, n.comments).run();
    n.analyze(lines);
    return n;
  }

  private enum Kind {
    NAME,
    OP,
    STRING,
    FSTRING_NAME,
    OTHER
  }

  private record Token(Kind kind, String text, int line) {}

  private record LogicalLine(int indent, List<Token> tokens) {}

  private void analyze(List<LogicalLine> lines) {
    List<Integer> functionIndents = new ArrayList<>(); // indents of the def headers we are inside
    int ownerIndent = -1; // the indent of the owner's header; -1 when there is no owner
    for (LogicalLine l : lines) {
      while (!functionIndents.isEmpty() && l.indent() <= functionIndents.get(functionIndents.size() - 1)) {
        functionIndents.remove(functionIndents.size() - 1);
      }
      if (owner != null && l.indent() <= ownerIndent) {
        owner = null;
      }
      if (owner == null && functionIndents.isEmpty()) {
        // A definition outside every function and class: at the top, or in a module-level block
        // (`if sys.platform == "win32":`, `try:`), which module-level code may call as well.
        owner = topLevelDefinition(l.tokens());
        ownerIndent = owner == null ? -1 : l.indent();
      }
      boolean inFunction = !functionIndents.isEmpty();
      List<Token> t = l.tokens();
      if (t.isEmpty()) {
        continue;
      }
      if (isImport(t)) {
        if (t.size() >= 4 && t.get(0).text().equals("from") && t.get(1).text().equals("__future__")
            && t.stream().anyMatch(x -> x.text().equals("annotations"))) {
          futureAnnotations = true;
        }
        continue; // the names an import binds are not uses
      }
      int start = 0;
      if (t.get(0).text().equals("async") && t.size() > 1) {
        start = 1;
      }
      if (t.get(start).kind() == Kind.NAME && t.get(start).text().equals("def")) {
        int bodyStart = defHeader(t, start, inFunction);
        for (int i = bodyStart; i < t.size(); i++) {
          use(t, i, true, false);
        }
        if (bodyStart >= t.size()) {
          functionIndents.add(l.indent());
        }
        continue;
      }
      int annotationEnd = -1;
      int colon = variableAnnotationColon(t);
      if (colon > 0) {
        annotationEnd = topLevel(t, colon + 1, "=");
        if (annotationEnd < 0) {
          annotationEnd = t.size();
        }
      }
      for (int i = 0; i < t.size(); i++) {
        use(t, i, inFunction, colon > 0 && i > colon && i < annotationEnd);
      }
    }
  }

  /** The name a top-level def/class line defines, or null. */
  private static String topLevelDefinition(List<Token> t) {
    int i = !t.isEmpty() && t.get(0).text().equals("async") ? 1 : 0;
    if (i + 1 < t.size() && (t.get(i).text().equals("def") || t.get(i).text().equals("class"))
        && t.get(i + 1).kind() == Kind.NAME) {
      return t.get(i + 1).text();
    }
    return null;
  }

  private static boolean isImport(List<Token> t) {
    String first = t.get(0).text();
    if (first.equals("lazy") && t.size() > 1) {
      first = t.get(1).text();
    }
    return t.get(0).kind() == Kind.NAME && (first.equals("import") || first.equals("from") && t.size() > 2
        && t.stream().anyMatch(x -> x.kind() == Kind.NAME && x.text().equals("import")));
  }

  /** Records the header's uses; returns where its body starts on the same line (size if it does not). */
  private int defHeader(List<Token> t, int start, boolean inFunction) {
    int depth = 0;
    boolean annotation = false;
    boolean inDefault = false;
    boolean afterParams = false;
    for (int i = start + 2; i < t.size(); i++) {
      String s = t.get(i).text();
      Kind k = t.get(i).kind();
      if (k == Kind.OP) {
        switch (s) {
          case "(", "[", "{" -> depth++;
          case ")", "]", "}" -> {
            depth--;
            if (depth == 0 && s.equals(")")) {
              afterParams = true;
              annotation = false;
              inDefault = false;
              continue;
            }
          }
          case "," -> {
            if (depth == 1) {
              annotation = false;
              inDefault = false;
              continue;
            }
          }
          case "=" -> {
            if (depth == 1) {
              annotation = false;
              inDefault = true;
              continue;
            }
          }
          case ":" -> {
            if (depth == 1 && !inDefault) {
              annotation = true;
              continue;
            }
            if (depth == 0 && afterParams) {
              return i + 1;
            }
          }
          case "->" -> {
            if (depth == 0) {
              annotation = true;
              continue;
            }
          }
          default -> {}
        }
      }
      use(t, i, inFunction, annotation);
    }
    return t.size();
  }

  /** For {@code x: T = v} or {@code a.b: T}: the index of the ':'; -1 otherwise. */
  private static int variableAnnotationColon(List<Token> t) {
    if (t.get(0).kind() != Kind.NAME || KEYWORDS.contains(t.get(0).text())) {
      return -1;
    }
    int i = 1;
    while (i + 1 < t.size() && t.get(i).text().equals(".") && t.get(i + 1).kind() == Kind.NAME) {
      i += 2;
    }
    return i < t.size() && t.get(i).kind() == Kind.OP && t.get(i).text().equals(":") ? i : -1;
  }

  /** The first {@code op} at bracket depth 0 from {@code from}, or -1. */
  private static int topLevel(List<Token> t, int from, String op) {
    int depth = 0;
    for (int i = from; i < t.size(); i++) {
      String s = t.get(i).text();
      if (t.get(i).kind() != Kind.OP) {
        continue;
      }
      if ("([{".contains(s)) {
        depth++;
      } else if (")]}".contains(s)) {
        depth--;
      } else if (depth == 0 && s.equals(op)) {
        return i;
      }
    }
    return -1;
  }

  private void use(List<Token> t, int i, boolean inFunction, boolean inAnnotation) {
    Token tok = t.get(i);
    if (tok.kind() == Kind.FSTRING_NAME) {
      uses.add(new Use(tok.text(), tok.line(), inFunction, inAnnotation, owner));
      return;
    }
    if (tok.kind() != Kind.NAME || KEYWORDS.contains(tok.text())) {
      return;
    }
    if (i > 0 && t.get(i - 1).kind() == Kind.OP && t.get(i - 1).text().equals(".")) {
      return; // an attribute, not a name
    }
    if (i + 1 < t.size() && t.get(i + 1).kind() == Kind.OP && t.get(i + 1).text().equals("=")
        && i > 0 && t.get(i - 1).kind() == Kind.OP && (t.get(i - 1).text().equals("(") || t.get(i - 1).text().equals(","))
        && insideCall(t, i)) {
      return; // a keyword argument's name
    }
    uses.add(new Use(tok.text(), tok.line(), inFunction, inAnnotation, owner));
  }

  private static boolean insideCall(List<Token> t, int i) {
    int depth = 0;
    for (int j = i - 1; j >= 0; j--) {
      String s = t.get(j).text();
      if (t.get(j).kind() != Kind.OP) {
        continue;
      }
      if (")]}".contains(s)) {
        depth++;
      } else if ("([{".contains(s)) {
        if (depth == 0) {
          return s.equals("(");
        }
        depth--;
      }
    }
    return false;
  }

  /** Characters to tokens, grouped in logical lines. */
  private static final class Tokenizer {
    private final String s;
    private final Map<Integer, String> comments;
    private final List<LogicalLine> out = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int depth;
    private List<Token> current = new ArrayList<>();
    private int indent;
    private boolean atLineStart = true;

    Tokenizer(String s, Map<Integer, String> comments) {
      this.s = s;
      this.comments = comments;
    }

    List<LogicalLine> run() {
      while (pos < s.length()) {
        if (atLineStart && depth == 0) {
          indent = readIndent();
          atLineStart = false;
          continue;
        }
        char c = s.charAt(pos);
        if (c == '\n' || c == '\r') {
          newline();
        } else if (c == '#') {
          int end = lineEnd(pos);
          comments.put(line, s.substring(pos + 1, end));
          pos = end;
        } else if (c == '\\' && pos + 1 < s.length() && (s.charAt(pos + 1) == '\n' || s.charAt(pos + 1) == '\r')) {
          pos++;
          skipNewlineChars();
        } else if (c == ' ' || c == '\t' || c == '\f') {
          pos++;
        } else if (c == '"' || c == '\'') {
          string("");
        } else if (Character.isUnicodeIdentifierStart(c) || c == '_') {
          int a = pos;
          while (pos < s.length() && (Character.isUnicodeIdentifierPart(s.charAt(pos)) && s.charAt(pos) != '\u0000')) {
            pos++;
          }
          String word = s.substring(a, pos);
          if (pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'') && word.length() <= 3
              && word.toLowerCase(java.util.Locale.ROOT).matches("[rbuft]+")) {
            string(word.toLowerCase(java.util.Locale.ROOT));
          } else {
            current.add(new Token(Kind.NAME, word, line));
          }
        } else if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
          while (pos < s.length()) {
            char d = s.charAt(pos);
            if ((d == 'e' || d == 'E') && pos + 1 < s.length() && (s.charAt(pos + 1) == '+' || s.charAt(pos + 1) == '-')) {
              pos += 2;
            } else if (Character.isLetterOrDigit(d) || d == '_' || d == '.') {
              pos++;
            } else {
              break;
            }
          }
          current.add(new Token(Kind.OTHER, "0", line));
        } else {
          op();
        }
      }
      endLogicalLine();
      return out;
    }

    private int readIndent() {
      int col = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ') {
          col++;
        } else if (c == '\t') {
          col = (col / 8 + 1) * 8;
        } else if (c == '\f') {
          col = 0;
        } else {
          break;
        }
        pos++;
      }
      return col;
    }

    private void newline() {
      skipNewlineChars();
      if (depth == 0) {
        endLogicalLine();
        atLineStart = true;
      }
    }

    private void skipNewlineChars() {
      if (s.charAt(pos) == '\r' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
        pos++;
      }
      pos++;
      line++;
    }

    private void endLogicalLine() {
      if (!current.isEmpty()) {
        out.add(new LogicalLine(indent, current));
        current = new ArrayList<>();
      }
    }

    private int lineEnd(int from) {
      int i = from;
      while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
        i++;
      }
      return i;
    }

    private static final List<String> OPS =
        List.of("**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
            "&=", "|=", "^=", "@=", "**", "//", "<<", ">>");

    private void op() {
      for (String o : OPS) {
        if (s.startsWith(o, pos)) {
          current.add(new Token(Kind.OP, o, line));
          pos += o.length();
          return;
        }
      }
      char c = s.charAt(pos++);
      if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth = Math.max(0, depth - 1);
      }
      current.add(new Token(Kind.OP, String.valueOf(c), line));
    }

    /** A string literal at pos (the quote); an f-string's replacement fields yield their names. */
    private void string(String prefix) {
      char q = s.charAt(pos);
      boolean triple = s.startsWith("" + q + q + q, pos);
      boolean raw = prefix.contains("r");
      boolean f = prefix.contains("f") || prefix.contains("t");
      int startLine = line;
      pos += triple ? 3 : 1;
      int fieldDepth = 0;
      StringBuilder field = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\\' && !raw && pos + 1 < s.length()) {
          if (s.charAt(pos + 1) == '\n') {
            line++;
          }
          pos += 2;
          continue;
        }
        if (c == '\\' && raw && pos + 1 < s.length()) {
          pos += 2; // a raw string still cannot end with an escaped quote
          continue;
        }
        if (triple ? s.startsWith("" + q + q + q, pos) : c == q) {
          if (fieldDepth == 0) {
            pos += triple ? 3 : 1;
            break;
          }
        }
        if (!triple && (c == '\n' || c == '\r') && fieldDepth == 0) {
          break; // unterminated: stop at the line end, like Python's error recovery would
        }
        if (c == '\n') {
          line++;
        }
        if (f && c == '{') {
          if (fieldDepth == 0 && pos + 1 < s.length() && s.charAt(pos + 1) == '{') {
            pos += 2;
            continue;
          }
          fieldDepth++;
        } else if (f && c == '}' && fieldDepth > 0) {
          fieldDepth--;
          if (fieldDepth == 0) {
            fieldNames(field.toString());
            field.setLength(0);
          }
        } else if (fieldDepth > 0) {
          field.append(c);
        }
        pos++;
      }
      current.add(new Token(Kind.STRING, "", startLine));
    }

    private void fieldNames(String expr) {
      int i = 0;
      while (i < expr.length()) {
        char c = expr.charAt(i);
        if (Character.isUnicodeIdentifierStart(c) || c == '_') {
          int a = i;
          while (i < expr.length() && Character.isUnicodeIdentifierPart(expr.charAt(i))) {
            i++;
          }
          boolean attribute = a > 0 && (expr.charAt(a - 1) == '.' || expr.charAt(a - 1) == '!'); // x.attr, !r
          String w = expr.substring(a, i);
          if (!attribute && !KEYWORDS.contains(w)) {
            current.add(new Token(Kind.FSTRING_NAME, w, line));
          }
        } else {
          i++;
        }
      }
    }
  }
}
