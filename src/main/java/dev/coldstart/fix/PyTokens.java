package dev.coldstart.fix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A small Python tokenizer for the codemods: splits LF text into logical lines of tokens (NAME,
 * NUMBER, STRING, OP), skipping comments, blank lines, backslash joins and newlines inside
 * brackets. Strings take any prefix and both triple and single quotes; an f- or t-string is one
 * token whose replacement fields are not tokenized, but the identifiers in it are kept ({@link
 * Token#fstringNames()}). Never throws: an unterminated string ends at the end of its line (or of
 * the file, for triple quotes). Cost: linear in the text.
 */
final class PyTokens {
  enum Kind {
    NAME,
    NUMBER,
    STRING,
    OP
  }

  /** A token: its text, first and last line (1-based), and for f-strings the names inside. */
  record Token(Kind kind, String text, int line, int endLine, List<String> fstringNames) {
    boolean is(String s) {
      return kind != Kind.STRING && text.equals(s);
    }

    boolean isOpen() {
      return kind == Kind.OP && (text.equals("(") || text.equals("[") || text.equals("{"));
    }

    boolean isClose() {
      return kind == Kind.OP && (text.equals(")") || text.equals("]") || text.equals("}"));
    }

    boolean isAugmented() {
      return kind == Kind.OP && text.length() >= 2 && text.endsWith("=") && !text.equals("==")
          && !text.equals("<=") && !text.equals(">=") && !text.equals("!=");
    }
  }

  private static final String[] OPS = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="
  };

  private PyTokens() {}

  static List<List<Token>> logicalLines(String s) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> cur = new ArrayList<>();
    int n = s.length();
    int pos = 0;
    int line = 1;
    int depth = 0;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
        if (depth == 0 && !cur.isEmpty()) {
          out.add(cur);
          cur = new ArrayList<>();
        }
      } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < n && s.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\\' && pos + 1 < n && s.charAt(pos + 1) == '\n') {
        pos += 2;
        line++;
      } else if (Character.isJavaIdentifierStart(c) && c != '$') {
        int st = pos;
        while (pos < n && Character.isJavaIdentifierPart(s.charAt(pos)) && s.charAt(pos) != '$') {
          pos++;
        }
        String word = s.substring(st, pos);
        if (pos < n && (s.charAt(pos) == '"' || s.charAt(pos) == '\'') && isPrefix(word)) {
          int[] end = string(s, pos, line);
          String text = s.substring(st, end[0]);
          boolean f = word.toLowerCase().contains("f") || word.toLowerCase().contains("t");
          cur.add(new Token(Kind.STRING, text, line, end[1], f ? names(text.substring(word.length())) : List.of()));
          pos = end[0];
          line = end[1];
        } else {
          cur.add(new Token(Kind.NAME, word, line, line, List.of()));
        }
      } else if (Character.isDigit(c) || (c == '.' && pos + 1 < n && Character.isDigit(s.charAt(pos + 1)))) {
        int st = pos;
        while (pos < n) {
          char d = s.charAt(pos);
          if (Character.isLetterOrDigit(d) || d == '_' || d == '.') {
            pos++;
          } else if ((d == '+' || d == '-') && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')
              && !s.substring(st, pos).startsWith("0x") && !s.substring(st, pos).startsWith("0X")) {
            pos++;
          } else {
            break;
          }
        }
        cur.add(new Token(Kind.NUMBER, s.substring(st, pos), line, line, List.of()));
      } else if (c == '"' || c == '\'') {
        int[] end = string(s, pos, line);
        cur.add(new Token(Kind.STRING, s.substring(pos, end[0]), line, end[1], List.of()));
        pos = end[0];
        line = end[1];
      } else {
        String op = String.valueOf(c);
        for (String o : OPS) {
          if (s.startsWith(o, pos)) {
            op = o;
            break;
          }
        }
        if (op.length() == 1) {
          if (c == '(' || c == '[' || c == '{') {
            depth++;
          } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
            depth--;
          }
        }
        cur.add(new Token(Kind.OP, op, line, line, List.of()));
        pos += op.length();
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  private static boolean isPrefix(String w) {
    if (w.length() > 3) {
      return false;
    }
    for (char ch : w.toLowerCase().toCharArray()) {
      if ("rbuft".indexOf(ch) < 0) {
        return false;
      }
    }
    return true;
  }

  /** End offset (exclusive) and end line of the string whose quote is at q. */
  private static int[] string(String s, int q, int line) {
    int n = s.length();
    char quote = s.charAt(q);
    boolean triple = q + 2 < n && s.charAt(q + 1) == quote && s.charAt(q + 2) == quote;
    int pos = q + (triple ? 3 : 1);
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '\\') {
        if (pos + 1 < n && s.charAt(pos + 1) == '\n') {
          line++;
        }
        pos += 2;
        continue;
      }
      if (c == '\n') {
        if (!triple) {
          return new int[] {pos, line}; // unterminated: ends at its line
        }
        line++;
      }
      if (c == quote) {
        if (!triple) {
          return new int[] {pos + 1, line};
        }
        if (pos + 2 < n && s.charAt(pos + 1) == quote && s.charAt(pos + 2) == quote) {
          return new int[] {pos + 3, line};
        }
      }
      pos++;
    }
    return new int[] {n, line};
  }

  /** Identifiers inside an f-string body that are not attributes: an over-estimate of its uses. */
  private static List<String> names(String body) {
    Set<String> out = new LinkedHashSet<>();
    int i = 0;
    int depth = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '{') {
        if (depth == 0 && i + 1 < body.length() && body.charAt(i + 1) == '{') {
          i += 2;
          continue;
        }
        depth++;
        i++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
        i++;
      } else if (depth > 0 && Character.isJavaIdentifierStart(c) && c != '$') {
        int st = i;
        while (i < body.length() && Character.isJavaIdentifierPart(body.charAt(i)) && body.charAt(i) != '$') {
          i++;
        }
        if (st == 0 || body.charAt(st - 1) != '.') {
          out.add(body.substring(st, i));
        }
      } else {
        i++;
      }
    }
    return List.copyOf(out);
  }
}
