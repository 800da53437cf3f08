package dev.coldstart.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tokens of one {@code import} / {@code from ... import} statement into an {@link
 * ImportStatement}, following the grammar exactly (dotted names, {@code as}, leading dots and
 * ellipses for the level, {@code *}, parenthesized names with a trailing comma). Anything else is
 * a diagnostic and no statement.
 */
final class ImportParser {
  private final byte[] src;
  private final LogicalLine l;
  private final int end;
  private int t;

  private ImportParser(byte[] src, LogicalLine l, int t, int end) {
    this.src = src;
    this.l = l;
    this.t = t;
    this.end = end;
  }

  /**
   * Parses tokens [first, end) where kw is the {@code import}/{@code from} token (first is the
   * {@code lazy} token for lazy imports); returns null (with a diagnostic) when malformed.
   */
  static ImportStatement parse(byte[] src, LogicalLine l, int first, int kw, int end, boolean lazy,
      Scope scope, boolean typeChecking, boolean conditional, boolean inTry, List<Diagnostic> diagnostics) {
    ImportParser p = new ImportParser(src, l, kw + 1, end);
    List<ImportedName> names = new ArrayList<>(2);
    boolean from = TokenText.is(src, l, kw, "from");
    String module = null;
    int level = 0;
    boolean ok = from ? p.fromTail(names) : p.importTail(names);
    if (from && ok) {
      module = p.module;
      level = p.level;
    }
    if (!ok) {
      diagnostics.add(new Diagnostic(l.line[first], "invalid import statement"));
      return null;
    }
    int s = l.start[first];
    return new ImportStatement(
        l.line[first],
        l.line[end - 1],
        l.column[first],
        from ? ImportKind.FROM : ImportKind.IMPORT,
        module,
        level,
        names,
        lazy,
        scope,
        typeChecking,
        false,
        conditional,
        TokenText.source(src, s, l.end[end - 1]),
        inTry);
  }

  private String module;
  private int level;

  private boolean importTail(List<ImportedName> names) {
    while (true) {
      String dotted = dotted();
      if (dotted == null) {
        return false;
      }
      String as = as();
      if (as == AS_ERROR) {
        return false;
      }
      names.add(new ImportedName(dotted, as));
      if (t == end) {
        return true;
      }
      if (l.kind[t] != Lexer.COMMA) {
        return false;
      }
      t++;
    }
  }

  private boolean fromTail(List<ImportedName> names) {
    while (t < end && (l.kind[t] == Lexer.DOT || l.kind[t] == Lexer.ELLIPSIS)) {
      level += l.kind[t] == Lexer.DOT ? 1 : 3;
      t++;
    }
    if (!TokenText.is(src, l, t, "import")) {
      module = dotted();
      if (module == null) {
        return false;
      }
    } else if (level == 0) {
      return false;
    }
    if (!TokenText.is(src, l, t, "import")) {
      return false;
    }
    t++;
    if (t + 1 == end && l.kind[t] == Lexer.STAR) {
      names.add(new ImportedName("*", null));
      return true;
    }
    boolean paren = t < end && l.kind[t] == Lexer.LPAR;
    int stop = end;
    if (paren) {
      if (l.kind[end - 1] != Lexer.RPAR) {
        return false;
      }
      t++;
      stop = end - 1;
    }
    while (true) {
      if (t >= stop || l.kind[t] != Lexer.NAME) {
        return false;
      }
      String name = TokenText.name(src, l, t);
      t++;
      String as = asBefore(stop);
      if (as == AS_ERROR) {
        return false;
      }
      names.add(new ImportedName(name, as));
      if (t == stop) {
        t = end;
        return true;
      }
      if (l.kind[t] != Lexer.COMMA) {
        return false;
      }
      t++;
      if (t == stop && paren) {
        t = end;
        return true; // trailing comma inside parentheses
      }
    }
  }

  /** A dotted name at t, joined without whitespace as ast does; null if none. */
  private String dotted() {
    if (t >= end || l.kind[t] != Lexer.NAME) {
      return null;
    }
    String first = TokenText.name(src, l, t);
    t++;
    if (t + 1 >= end || l.kind[t] != Lexer.DOT) {
      return first;
    }
    StringBuilder sb = new StringBuilder(first);
    while (t + 1 < end && l.kind[t] == Lexer.DOT && l.kind[t + 1] == Lexer.NAME) {
      sb.append('.').append(TokenText.name(src, l, t + 1));
      t += 2;
    }
    return sb.toString();
  }

  private static final String AS_ERROR = new String("as?");

  private String as() {
    return asBefore(end);
  }

  private String asBefore(int stop) {
    if (!TokenText.is(src, l, t, "as")) {
      return null;
    }
    if (t + 1 >= stop || l.kind[t + 1] != Lexer.NAME) {
      return AS_ERROR;
    }
    String as = TokenText.name(src, l, t + 1);
    t += 2;
    return as;
  }
}
