package dev.coldstart.source;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Reading tokens of a {@link LogicalLine} as text: keyword tests without allocation, identifiers
 * NFKC-normalized as CPython's parser does, and the value of plain string literals.
 */
final class TokenText {
  private TokenText() {}

  /** True when token t is the NAME {@code word} (ASCII), compared byte by byte. */
  static boolean is(byte[] src, LogicalLine l, int t, String word) {
    if (t >= l.count || l.kind[t] != Lexer.NAME) {
      return false;
    }
    int s = l.start[t];
    int len = l.end[t] - s;
    if (len != word.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (src[s + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True when NAME token t means {@code word} after NFKC normalization (so also fullwidth forms). */
  static boolean nameEquals(byte[] src, LogicalLine l, int t, String word) {
    if (is(src, l, t, word)) {
      return true;
    }
    if (t >= l.count || l.kind[t] != Lexer.NAME || !hasNonAscii(src, l.start[t], l.end[t])) {
      return false;
    }
    return identifier(src, l.start[t], l.end[t]).equals(word);
  }

  static String name(byte[] src, LogicalLine l, int t) {
    return identifier(src, l.start[t], l.end[t]);
  }

  /** An identifier's text; non-ASCII identifiers are NFKC-normalized like CPython's. */
  static String identifier(byte[] src, int s, int e) {
    if (!hasNonAscii(src, s, e)) {
      return new String(src, s, e - s, StandardCharsets.ISO_8859_1);
    }
    return Normalizer.normalize(
        new String(src, s, e - s, StandardCharsets.UTF_8), Normalizer.Form.NFKC);
  }

  private static boolean hasNonAscii(byte[] src, int s, int e) {
    for (int i = s; i < e; i++) {
      if (src[i] < 0) {
        return true;
      }
    }
    return false;
  }

  static String source(byte[] src, int s, int e) {
    return new String(src, s, e - s, StandardCharsets.UTF_8);
  }

  /**
   * The value of a str literal token (no b/f/t prefix), or null when it is not one. Escapes other
   * than the common ones are kept as written; names in {@code __all__} never need them.
   */
  static String stringValue(byte[] src, int s, int e) {
    boolean raw = false;
    int p = s;
    while (p < e && src[p] != '"' && src[p] != '\'') {
      int c = src[p] | 0x20;
      if (c == 'r') {
        raw = true;
      } else if (c != 'u') {
        return null;
      }
      p++;
    }
    if (p >= e) {
      return null;
    }
    byte q = src[p];
    int open = (p + 2 < e && src[p + 1] == q && src[p + 2] == q && e - p >= 6) ? 3 : 1;
    int from = p + open;
    int to = e - open;
    if (to < from || src[e - 1] != q) {
      return null; // unterminated
    }
    if (raw) {
      return source(src, from, to);
    }
    StringBuilder sb = new StringBuilder(to - from);
    String body = source(src, from, to);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        sb.append(c);
        continue;
      }
      char x = body.charAt(++i);
      switch (x) {
        case '\n' -> {}
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\', '\'', '"' -> sb.append(x);
        default -> sb.append('\\').append(x);
      }
    }
    return sb.toString();
  }
}
