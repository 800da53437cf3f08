package dev.coldstart.cli;

import dev.coldstart.source.ImportStatement;
import dev.coldstart.source.ImportedName;

/**
 * Writes import records as JSON lines byte-identical to Python's {@code json.dumps(record)} with its
 * defaults (", " and ": " separators, non-ASCII as \\uXXXX), so the output diffs cleanly against
 * an ast-based script. Hand-written: it runs once per import over whole environments.
 */
final class ImportJsonLines {
  private ImportJsonLines() {}

  static void append(StringBuilder sb, String file, ImportStatement s) {
    sb.append("{\"file\": ");
    string(sb, file);
    sb.append(", \"line\": ").append(s.line());
    sb.append(", \"kind\": \"").append(s.kind().jsonName()).append('"');
    sb.append(", \"module\": ");
    string(sb, s.module());
    sb.append(", \"level\": ").append(s.level());
    sb.append(", \"names\": [");
    boolean first = true;
    for (ImportedName n : s.names()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append("{\"name\": ");
      string(sb, n.name());
      sb.append(", \"asname\": ");
      string(sb, n.asname());
      sb.append('}');
    }
    sb.append("], \"lazy\": ").append(s.lazy());
    sb.append(", \"scope\": \"").append(s.scope().jsonName()).append('"');
    sb.append(", \"type_checking\": ").append(s.typeChecking());
    sb.append(", \"guarded\": ").append(s.guarded());
    sb.append(", \"conditional\": ").append(s.conditional());
    sb.append("}\n");
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static void string(StringBuilder sb, String v) {
    if (v == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= ' ' && c <= '~') {
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default ->
            sb.append("\\u")
                .append(HEX[(c >> 12) & 15])
                .append(HEX[(c >> 8) & 15])
                .append(HEX[(c >> 4) & 15])
                .append(HEX[c & 15]);
      }
    }
    sb.append('"');
  }
}
