package dev.coldstart.cli;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;
import java.util.Arrays;

/**
 * Writes import records as JSON lines byte-identical to Python's {@code json.dumps(record)} with its
 * defaults (", " and ": " separators, non-ASCII as \\uXXXX), so the output diffs cleanly against
 * an ast-based script. Hand-written into a growable byte buffer: it runs once per import over whole
 * environments (150,000 records, 48 MB for Debian's dist-packages), and since every non-ASCII
 * character is escaped the output is ASCII, so no charset encoder is needed.
 */
final class ImportJsonLines {
  private byte[] buf = new byte[512];
  private int size;

  /** The buffer holding the {@link #size} bytes written so far (not a copy). */
  byte[] buffer() {
    return buf;
  }

  int size() {
    return size;
  }

  void append(String file, ImportStatement s) {
    ascii("{\"file\": ");
    string(file);
    ascii(", \"line\": ");
    number(s.line());
    ascii(", \"kind\": \"");
    ascii(s.kind().jsonName());
    ascii("\", \"module\": ");
    string(s.module());
    ascii(", \"level\": ");
    number(s.level());
    ascii(", \"names\": [");
    boolean first = true;
    for (ImportedName n : s.names()) {
      if (!first) {
        ascii(", ");
      }
      first = false;
      ascii("{\"name\": ");
      string(n.name());
      ascii(", \"asname\": ");
      string(n.asname());
      ascii("}");
    }
    ascii("], \"lazy\": ");
    bool(s.lazy());
    ascii(", \"scope\": \"");
    ascii(s.scope().jsonName());
    ascii("\", \"type_checking\": ");
    bool(s.typeChecking());
    ascii(", \"guarded\": ");
    bool(s.guarded());
    ascii(", \"conditional\": ");
    bool(s.conditional());
    ascii("}\n");
  }

  private void room(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  /** Appends text known to be ASCII and free of characters JSON escapes. */
  private void ascii(String s) {
    int len = s.length();
    room(len);
    s.getBytes(0, len, buf, size); // deprecated for non-Latin-1 text; exact for ASCII
    size += len;
  }

  private void bool(boolean b) {
    ascii(b ? "true" : "false");
  }

  private void number(int v) {
    if (v >= 0 && v < 10) {
      room(1);
      buf[size++] = (byte) ('0' + v);
    } else {
      ascii(Integer.toString(v));
    }
  }

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private void string(String v) {
    if (v == null) {
      ascii("null");
      return;
    }
    int len = v.length();
    room(len * 6 + 2); // worst case: every char escaped as \\uXXXX
    byte[] b = buf;
    int p = size;
    b[p++] = '"';
    for (int i = 0; i < len; i++) {
      char c = v.charAt(i);
      if (c >= ' ' && c <= '~') {
        if (c == '"' || c == '\\') {
          b[p++] = '\\';
        }
        b[p++] = (byte) c;
        continue;
      }
      b[p++] = '\\';
      switch (c) {
        case '\n' -> b[p++] = 'n';
        case '\r' -> b[p++] = 'r';
        case '\t' -> b[p++] = 't';
        case '\b' -> b[p++] = 'b';
        case '\f' -> b[p++] = 'f';
        default -> {
          b[p++] = 'u';
          b[p++] = HEX[(c >> 12) & 15];
          b[p++] = HEX[(c >> 8) & 15];
          b[p++] = HEX[(c >> 4) & 15];
          b[p++] = HEX[c & 15];
        }
      }
    }
    b[p++] = '"';
    size = p;
  }
}
