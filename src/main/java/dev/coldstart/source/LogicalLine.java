package dev.coldstart.source;

import java.util.Arrays;

/**
 * The tokens of one logical line (physical lines joined by brackets and backslashes), as parallel
 * arrays reused from line to line so the lexer allocates nothing per token. Token text is a byte
 * span of the UTF-8 source.
 */
final class LogicalLine {
  /** Indentation of the line's first physical line (tabs to multiples of 8, as CPython). */
  int indent;

  int count;
  byte[] kind = new byte[64];
  int[] start = new int[64];
  int[] end = new int[64];
  int[] line = new int[64];
  /** UTF-8 byte offset of each token's start within its physical line (ast's col_offset). */
  int[] column = new int[64];

  void reset() {
    count = 0;
    indent = 0;
  }

  void add(byte k, int s, int e, int lineNo, int lineStart) {
    if (count == kind.length) {
      int n = count * 2;
      kind = Arrays.copyOf(kind, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      line = Arrays.copyOf(line, n);
      column = Arrays.copyOf(column, n);
    }
    kind[count] = k;
    start[count] = s;
    end[count] = e;
    line[count] = lineNo;
    column[count] = s - lineStart;
    count++;
  }

  /** Index of the bracket closing the one opened at t, or -1. */
  int closeOf(int t) {
    int d = 0;
    for (int i = t; i < count; i++) {
      byte k = kind[i];
      if (k == Lexer.LPAR || k == Lexer.LSQB || k == Lexer.LBRACE) {
        d++;
      } else if (k == Lexer.RPAR || k == Lexer.RSQB || k == Lexer.RBRACE) {
        if (--d == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Index of the first token of kind k at bracket depth 0 in [s, e), or -1. */
  int findTop(int s, int e, byte k) {
    int d = 0;
    for (int i = s; i < e; i++) {
      byte x = kind[i];
      if (x == Lexer.LPAR || x == Lexer.LSQB || x == Lexer.LBRACE) {
        d++;
      } else if (x == Lexer.RPAR || x == Lexer.RSQB || x == Lexer.RBRACE) {
        d--;
      } else if (x == k && d == 0) {
        return i;
      }
    }
    return -1;
  }
}
