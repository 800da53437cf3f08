package dev.coldstart.source;

import java.util.List;

/**
 * (Over 500 lines on purpose: it is the scanner's hot loop, one state machine over bytes whose
 * string and f-string states share the position and line bookkeeping.)
 *
 * <p>A single pass over UTF-8 source bytes that yields logical lines of tokens, following CPython's
 * tokenizer where it matters for statements: CRLF, CR and LF line ends, tabs to multiples of 8 and
 * form feeds in indentation, comments, backslash joins, brackets spanning lines, and every string
 * form (prefixes r/b/u/f/t in any valid combination, triple quotes, PEP 701 f- and t-strings whose
 * replacement fields hold any expression, nested strings with any quotes, comments and newlines).
 * A string is one STRING token; the expressions inside f-strings are skipped, not tokenized.
 *
 * <p>Cost: each byte is looked at a constant number of times; f-string nesting is recursive but
 * capped at {@link #MAX_NESTING} levels (deeper strings are read without replacement fields).
 * Malformed input never throws: an unterminated string ends at its line (or at the end of the
 * file for triple quotes) with a diagnostic, stray closing brackets are dropped.
 */
final class Lexer {
  static final byte NAME = 1;
  static final byte NUMBER = 2;
  static final byte STRING = 3;
  static final byte LPAR = 4;
  static final byte RPAR = 5;
  static final byte LSQB = 6;
  static final byte RSQB = 7;
  static final byte LBRACE = 8;
  static final byte RBRACE = 9;
  static final byte COLON = 10;
  static final byte COLONEQUAL = 11;
  static final byte SEMI = 12;
  static final byte COMMA = 13;
  static final byte DOT = 14;
  static final byte ELLIPSIS = 15;
  static final byte EQUAL = 16;
  static final byte AUGASSIGN = 17;
  static final byte STAR = 18;
  static final byte PLUS = 19;
  static final byte OP = 20;

  static final int MAX_NESTING = 150;

  /** Byte classes: 1 identifier start, 2 digit; identifier chars are 1 or 2. */
  private static final byte[] CLASS = new byte[256];

  static {
    for (int c = 'a'; c <= 'z'; c++) {
      CLASS[c] = 1;
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      CLASS[c] = 1;
    }
    CLASS['_'] = 1;
    for (int c = 0x80; c < 256; c++) {
      CLASS[c] = 1; // any non-ASCII UTF-8 byte: part of an identifier (else CPython fails anyway)
    }
    for (int c = '0'; c <= '9'; c++) {
      CLASS[c] = 2;
    }
  }

  private final byte[] src;
  private final int n;
  private final List<Diagnostic> diagnostics;
  private int pos;
  private int lineNo = 1;
  private int lineStart; // offset where the current physical line starts
  private int depth; // bracket depth within the current logical line
  private int nesting; // f-string nesting

  /** Reads the first n bytes of src (UTF-8). */
  Lexer(byte[] src, int n, List<Diagnostic> diagnostics) {
    this.src = src;
    this.n = n;
    this.diagnostics = diagnostics;
  }

  /**
   * Starts the next logical line: skips blank and comment-only lines and sets out's indent (the
   * caller may close blocks before deciding how to read the rest); false at end of input.
   */
  boolean startLine(LogicalLine out) {
    out.reset();
    depth = 0;
    return skipToLineStart(out);
  }

  /**
   * Reads the rest of the line started by {@link #startLine} into out. With skipPlain, a statement
   * that cannot be an import or a compound statement header (its first word is none of {@link
   * #startsStatementOfInterest}) is passed over without tokens by {@link #skipStatement}; a ';'
   * after it adds a SEMI and tokenizes the rest, since an import may follow. Returns true.
   */
  boolean finishLine(LogicalLine out, boolean skipPlain) {
    if (skipPlain && !startsStatementOfInterest()) {
      if (skipStatement()) {
        return true;
      }
      out.add(SEMI, pos - 1, pos, lineNo, lineStart);
    }
    return tokens(out);
  }

  private boolean tokens(LogicalLine out) {
    byte[] s = src;
    while (pos < n) {
      int c = s[pos] & 0xff;
      switch (c) {
        case ' ', '\t', '\f', 0 -> pos++;
        case '\n', '\r' -> {
          newline();
          if (depth == 0) {
            return true;
          }
        }
        case '#' -> skipComment();
        case '\\' -> {
          if (pos + 1 < n && (s[pos + 1] == '\n' || s[pos + 1] == '\r')) {
            pos++;
            newline();
          } else {
            out.add(OP, pos, pos + 1, lineNo, lineStart);
            pos++;
          }
        }
        case '"', '\'' -> {
          int st = pos;
          int ln = lineNo;
          int ls = lineStart;
          pos = string(pos, false, false);
          out.add(STRING, st, pos, ln, ls);
        }
        case '(' -> open(out, LPAR);
        case '[' -> open(out, LSQB);
        case '{' -> open(out, LBRACE);
        case ')' -> close(out, RPAR);
        case ']' -> close(out, RSQB);
        case '}' -> close(out, RBRACE);
        case ':' -> {
          if (pos + 1 < n && s[pos + 1] == '=') {
            out.add(COLONEQUAL, pos, pos + 2, lineNo, lineStart);
            pos += 2;
          } else {
            out.add(COLON, pos, pos + 1, lineNo, lineStart);
            pos++;
          }
        }
        case ';' -> single(out, SEMI);
        case ',' -> single(out, COMMA);
        case '.' -> {
          if (pos + 1 < n && CLASS[s[pos + 1] & 0xff] == 2) {
            number(out);
          } else if (pos + 2 < n && s[pos + 1] == '.' && s[pos + 2] == '.') {
            out.add(ELLIPSIS, pos, pos + 3, lineNo, lineStart);
            pos += 3;
          } else {
            single(out, DOT);
          }
        }
        case '=' -> {
          if (pos + 1 < n && s[pos + 1] == '=') {
            out.add(OP, pos, pos + 2, lineNo, lineStart);
            pos += 2;
          } else {
            single(out, EQUAL);
          }
        }
        default -> {
          int cls = CLASS[c];
          if (cls == 1) {
            name(out);
          } else if (cls == 2) {
            number(out);
          } else {
            operator(out, c);
          }
        }
      }
    }
    if (depth > 0) {
      diagnostics.add(new Diagnostic(lineNo, "unclosed bracket at end of file"));
    }
    return true;
  }

  /**
   * Whether the statement at pos starts with a word that makes it an import ({@code import},
   * {@code from}, {@code lazy}) or a compound statement header (including the soft keywords
   * {@code match} and {@code case}, and {@code async}). Compared byte by byte, as the statement
   * scanner does.
   */
  private boolean startsStatementOfInterest() {
    byte[] s = src;
    if (pos >= n) {
      return true;
    }
    int c = s[pos] & 0xff;
    if (CLASS[c] != 1) {
      // Bytes that make no token (blanks after a backslash-joined first line, stray closing
      // brackets): the first token comes later, so read the line in full.
      return switch (c) {
        case ' ', '\t', '\f', 0, '\\', '\n', '\r', '#', ')', ']', '}' -> true;
        default -> false;
      };
    }
    int e = identifierEnd(pos);
    int len = e - pos;
    if (len < 2 || len > 7) {
      return false; // too short or long for a keyword (none is a valid string prefix either)
    }
    return switch (s[pos]) {
      case 'i' -> word(e, "if") || word(e, "import");
      case 'e' -> word(e, "elif") || word(e, "else") || word(e, "except");
      case 'w' -> word(e, "while") || word(e, "with");
      case 'f' -> word(e, "for") || word(e, "from") || word(e, "finally");
      case 't' -> word(e, "try");
      case 'd' -> word(e, "def");
      case 'c' -> word(e, "class") || word(e, "case");
      case 'm' -> word(e, "match");
      case 'a' -> word(e, "async");
      case 'l' -> word(e, "lazy");
      default -> false;
    };
  }

  private boolean word(int e, String w) {
    if (e - pos != w.length()) {
      return false;
    }
    for (int i = 1; i < w.length(); i++) {
      if (src[pos + i] != w.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** What {@link #skipStatement} must look at; every other byte is passed over. */
  private static final byte[] SKIP = new byte[256];

  private static final byte S_NAME = 1;
  private static final byte S_DIGIT = 2;
  private static final byte S_QUOTE = 3;
  private static final byte S_OPEN = 4;
  private static final byte S_CLOSE = 5;
  private static final byte S_HASH = 6;
  private static final byte S_BACKSLASH = 7;
  private static final byte S_NEWLINE = 8;
  private static final byte S_SEMI = 9;

  static {
    for (int c = 0; c < 256; c++) {
      SKIP[c] = CLASS[c] == 1 ? S_NAME : CLASS[c] == 2 ? S_DIGIT : 0;
    }
    SKIP['"'] = S_QUOTE;
    SKIP['\''] = S_QUOTE;
    SKIP['('] = S_OPEN;
    SKIP['['] = S_OPEN;
    SKIP['{'] = S_OPEN;
    SKIP[')'] = S_CLOSE;
    SKIP[']'] = S_CLOSE;
    SKIP['}'] = S_CLOSE;
    SKIP['#'] = S_HASH;
    SKIP['\\'] = S_BACKSLASH;
    SKIP['\n'] = S_NEWLINE;
    SKIP['\r'] = S_NEWLINE;
    SKIP[';'] = S_SEMI;
  }

  /**
   * Passes over a statement without making tokens, reading names, numbers, strings, comments,
   * brackets and line joins exactly as {@link #tokens} does (same positions, same diagnostics).
   * Returns true at the end of the logical line, false after a ';' at bracket depth 0.
   */
  private boolean skipStatement() {
    byte[] s = src;
    byte[] skip = SKIP;
    while (pos < n) {
      int c = s[pos] & 0xff;
      switch (skip[c]) {
        case 0 -> pos++;
        case S_NAME -> {
          int st = pos;
          pos = identifierEnd(pos);
          if (pos < n && (s[pos] == '"' || s[pos] == '\'')) {
            int flags = prefixFlags(st, pos);
            if (flags >= 0) {
              pos = string(pos, (flags & RAW) != 0, (flags & FORMAT) != 0);
            }
          }
        }
        case S_DIGIT -> {
          // like number(): a '.' before the digit would not change where it ends
          int p = pos + 1;
          while (p < n) {
            int d = s[p] & 0xff;
            if (CLASS[d] != 0 && d < 0x80 || d == '.') {
              p++;
            } else {
              break;
            }
          }
          pos = p;
        }
        case S_QUOTE -> pos = string(pos, false, false);
        case S_OPEN -> {
          depth++;
          pos++;
        }
        case S_CLOSE -> {
          if (depth == 0) {
            diagnostics.add(new Diagnostic(lineNo, "unmatched '" + (char) c + "'"));
          } else {
            depth--;
          }
          pos++;
        }
        case S_HASH -> skipComment();
        case S_BACKSLASH -> {
          if (pos + 1 < n && (s[pos + 1] == '\n' || s[pos + 1] == '\r')) {
            pos++;
            newline();
          } else {
            pos++;
          }
        }
        case S_NEWLINE -> {
          newline();
          if (depth == 0) {
            return true;
          }
        }
        default -> { // S_SEMI
          pos++;
          if (depth == 0) {
            return false;
          }
        }
      }
    }
    if (depth > 0) {
      diagnostics.add(new Diagnostic(lineNo, "unclosed bracket at end of file"));
    }
    return true;
  }

  /** Skips blank and comment-only lines and measures the indentation of the next line. */
  private boolean skipToLineStart(LogicalLine out) {
    byte[] s = src;
    while (pos < n) {
      int col = 0;
      while (pos < n) {
        byte c = s[pos];
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
      if (pos >= n) {
        return false;
      }
      byte c = s[pos];
      if (c == '#') {
        skipComment();
        if (pos >= n) {
          return false;
        }
        newline();
      } else if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '\\' && pos + 1 < n && (s[pos + 1] == '\n' || s[pos + 1] == '\r')) {
        pos++;
        newline(); // a lone backslash line joins with the next; indentation stays
        out.indent = col;
        return true;
      } else {
        out.indent = col;
        return true;
      }
    }
    return false;
  }

  private void newline() {
    if (src[pos] == '\r' && pos + 1 < n && src[pos + 1] == '\n') {
      pos++;
    }
    pos++;
    lineNo++;
    lineStart = pos;
  }

  private void skipComment() {
    while (pos < n && src[pos] != '\n' && src[pos] != '\r') {
      pos++;
    }
  }

  private void single(LogicalLine out, byte kind) {
    out.add(kind, pos, pos + 1, lineNo, lineStart);
    pos++;
  }

  private void open(LogicalLine out, byte kind) {
    depth++;
    single(out, kind);
  }

  private void close(LogicalLine out, byte kind) {
    if (depth == 0) {
      diagnostics.add(new Diagnostic(lineNo, "unmatched '" + (char) src[pos] + "'"));
      pos++;
      return;
    }
    depth--;
    single(out, kind);
  }

  private void number(LogicalLine out) {
    int st = pos;
    byte[] s = src;
    while (pos < n) {
      int c = s[pos] & 0xff;
      if (CLASS[c] != 0 && c < 0x80 || c == '.') {
        pos++;
      } else {
        break;
      }
    }
    out.add(NUMBER, st, pos, lineNo, lineStart);
  }

  private void name(LogicalLine out) {
    int st = pos;
    pos = identifierEnd(pos);
    if (pos < n && (src[pos] == '"' || src[pos] == '\'')) {
      int flags = prefixFlags(st, pos);
      if (flags >= 0) {
        int ln = lineNo;
        int ls = lineStart;
        pos = string(pos, (flags & RAW) != 0, (flags & FORMAT) != 0);
        out.add(STRING, st, pos, ln, ls);
        return;
      }
    }
    out.add(NAME, st, pos, lineNo, lineStart);
  }

  private int identifierEnd(int p) {
    byte[] s = src;
    while (p < n && CLASS[s[p] & 0xff] != 0) {
      p++;
    }
    return p;
  }

  private static final int RAW = 1;
  private static final int FORMAT = 2;

  /** RAW/FORMAT bits of a string prefix, or -1 when the identifier is not a valid prefix. */
  private int prefixFlags(int st, int end) {
    int len = end - st;
    if (len < 1 || len > 2) {
      return -1;
    }
    int flags = 0;
    int others = 0;
    for (int i = st; i < end; i++) {
      switch (src[i] | 0x20) {
        case 'r' -> {
          if ((flags & RAW) != 0) {
            return -1;
          }
          flags |= RAW;
        }
        case 'f', 't' -> {
          flags |= FORMAT;
          others++;
        }
        case 'b', 'u' -> others++;
        default -> {
          return -1;
        }
      }
    }
    if (len == 2 && (others != 1 || (flags & RAW) == 0 || (src[st] | 0x20) == 'u'
        || (src[st + 1] | 0x20) == 'u')) {
      return -1;
    }
    return flags;
  }

  private void operator(LogicalLine out, int c) {
    byte[] s = src;
    int st = pos;
    byte c1 = pos + 1 < n ? s[pos + 1] : 0;
    byte c2 = pos + 2 < n ? s[pos + 2] : 0;
    switch (c) {
      case '*', '/', '<', '>' -> {
        if (c1 == c) { // ** // << >>
          if (c2 == '=') {
            out.add(AUGASSIGN, st, st + 3, lineNo, lineStart);
            pos += 3;
          } else {
            out.add(c == '*' ? OP : OP, st, st + 2, lineNo, lineStart);
            pos += 2;
          }
        } else if (c1 == '=') {
          out.add(c == '<' || c == '>' ? OP : AUGASSIGN, st, st + 2, lineNo, lineStart);
          pos += 2;
        } else {
          out.add(c == '*' ? STAR : OP, st, st + 1, lineNo, lineStart);
          pos++;
        }
      }
      case '+', '-', '%', '&', '|', '^', '@' -> {
        if (c1 == '=') {
          out.add(AUGASSIGN, st, st + 2, lineNo, lineStart);
          pos += 2;
        } else if (c == '-' && c1 == '>') {
          out.add(OP, st, st + 2, lineNo, lineStart);
          pos += 2;
        } else {
          out.add(c == '+' ? PLUS : OP, st, st + 1, lineNo, lineStart);
          pos++;
        }
      }
      case '!' -> {
        int len = c1 == '=' ? 2 : 1;
        out.add(OP, st, st + len, lineNo, lineStart);
        pos += len;
      }
      default -> {
        out.add(OP, st, st + 1, lineNo, lineStart);
        pos++;
      }
    }
  }

  /**
   * Scans a string whose opening quote is at q; returns the position after its closing quote.
   * In f/t-strings, replacement fields are skipped by {@link #field}.
   */
  private int string(int q, boolean raw, boolean format) {
    byte[] s = src;
    byte quote = s[q];
    boolean triple = q + 2 < n && s[q + 1] == quote && s[q + 2] == quote;
    int startLine = lineNo;
    int p = q + (triple ? 3 : 1);
    boolean fields = format && nesting < MAX_NESTING;
    if (format && !fields) {
      diagnostics.add(new Diagnostic(lineNo, "f-strings nested too deeply"));
    }
    while (p < n) {
      byte c = s[p];
      if (c == quote) {
        if (!triple) {
          return p + 1;
        }
        if (p + 2 < n && s[p + 1] == quote && s[p + 2] == quote) {
          return p + 3;
        }
        p++;
      } else if (c == '\\') {
        if (p + 1 >= n) {
          p++;
        } else {
          byte nx = s[p + 1];
          if (nx == '\n' || nx == '\r') {
            pos = p + 1;
            newline();
            p = pos;
          } else if (fields && (nx == '{' || nx == '}')) {
            p++; // "\{" is a backslash, then a replacement field
          } else if (fields && !raw && nx == 'N' && p + 2 < n && s[p + 2] == '{') {
            p += 3; // \N{NAME} is an escape, not a field
            while (p < n && s[p] != '}' && s[p] != quote && s[p] != '\n' && s[p] != '\r') {
              p++;
            }
            if (p < n && s[p] == '}') {
              p++;
            }
          } else {
            p += 2;
          }
        }
      } else if (c == '\n' || c == '\r') {
        if (!triple) {
          diagnostics.add(new Diagnostic(startLine, "unterminated string literal"));
          return p;
        }
        pos = p;
        newline();
        p = pos;
      } else if (fields && c == '{') {
        if (p + 1 < n && s[p + 1] == '{') {
          p += 2;
        } else {
          nesting++;
          p = field(p + 1, quote, triple);
          nesting--;
        }
      } else {
        p++;
      }
    }
    diagnostics.add(new Diagnostic(startLine, "unterminated string literal"));
    return n;
  }

  /**
   * Skips a replacement field's expression starting at p (after its '{'); returns the position
   * after the closing '}'. A ':' at bracket depth 0 starts the format spec.
   */
  private int field(int p, byte quote, boolean triple) {
    byte[] s = src;
    int br = 0;
    while (p < n) {
      int c = s[p] & 0xff;
      switch (c) {
        case '"', '\'' -> p = string(p, false, false);
        case '(', '[', '{' -> {
          br++;
          p++;
        }
        case ')', ']' -> {
          if (br > 0) {
            br--;
          }
          p++;
        }
        case '}' -> {
          if (br == 0) {
            return p + 1;
          }
          br--;
          p++;
        }
        case ':' -> {
          if (br == 0) {
            return spec(p + 1, quote, triple);
          }
          p++;
        }
        case '!' -> p += (p + 1 < n && s[p + 1] == '=') ? 2 : 1;
        case '#' -> {
          while (p < n && s[p] != '\n' && s[p] != '\r') {
            p++;
          }
        }
        case '\n', '\r' -> {
          pos = p;
          newline();
          p = pos;
        }
        default -> {
          if (CLASS[c] == 1) {
            int st = p;
            p = identifierEnd(p);
            if (p < n && (s[p] == '"' || s[p] == '\'')) {
              int flags = prefixFlags(st, p);
              if (flags >= 0) {
                p = string(p, (flags & RAW) != 0, (flags & FORMAT) != 0);
              }
            }
          } else if (CLASS[c] == 2) {
            while (p < n && CLASS[s[p] & 0xff] != 0 && (s[p] & 0xff) < 0x80) {
              p++;
            }
          } else {
            p++;
          }
        }
      }
    }
    return n;
  }

  /** Skips a format spec (after ':'); nested fields are skipped too. Returns after the '}'. */
  private int spec(int p, byte quote, boolean triple) {
    byte[] s = src;
    while (p < n) {
      byte c = s[p];
      if (c == '{') {
        nesting++;
        p = nesting < MAX_NESTING ? field(p + 1, quote, triple) : p + 1;
        nesting--;
      } else if (c == '}') {
        return p + 1;
      } else if (c == quote) {
        if (!triple || (p + 2 < n && s[p + 1] == quote && s[p + 2] == quote)) {
          return p; // the string ends here; let the caller see its quote
        }
        p++;
      } else if (c == '\n' || c == '\r') {
        if (!triple) {
          return p;
        }
        pos = p;
        newline();
        p = pos;
      } else if (c == '\\' && p + 1 < n && s[p + 1] != '\n' && s[p + 1] != '\r') {
        p += 2;
      } else {
        p++;
      }
    }
    return n;
  }
}
