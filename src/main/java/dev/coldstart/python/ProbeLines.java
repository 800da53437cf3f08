package dev.coldstart.python;

import java.util.ArrayList;
import java.util.List;

/**
 * The line format of the probe's answer and of the probe cache: one fact per line,
 * {@code NAME=VALUE}, the value with backslash, newline and carriage return escaped as {@code \\},
 * {@code \n}, {@code \r}; a name may repeat (sys.path entries) and order is kept. Read without
 * Jackson on purpose: creating the first ObjectMapper costs 40-130 ms, more than the whole cached
 * look-up.
 *
 * @param lines the facts in order
 */
record ProbeLines(List<Line> lines) {

  /** One fact. */
  record Line(String name, String value) {}

  ProbeLines {
    lines = List.copyOf(lines);
  }

  /**
   * Reads {@code text}; null when a line has no {@code =} or a bad escape, or the text does not end
   * with a line end (a truncated file).
   */
  static ProbeLines parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      return null;
    }
    List<Line> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int eq = text.indexOf('=', start);
      if (eq < 0 || eq > end) {
        return null;
      }
      String value = unescape(text, eq + 1, end);
      if (value == null) {
        return null;
      }
      out.add(new Line(text.substring(start, eq), value));
      start = end + 1;
    }
    return new ProbeLines(out);
  }

  /** The value of the first line named {@code name}, or null. */
  String first(String name) {
    for (Line l : lines) {
      if (l.name.equals(name)) {
        return l.value;
      }
    }
    return null;
  }

  /** The values of every line named {@code name}, in order. */
  List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (Line l : lines) {
      if (l.name.equals(name)) {
        out.add(l.value);
      }
    }
    return out;
  }

  /** The lines in the format {@link #parse} reads. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (Line l : lines) {
      sb.append(l.name).append('=');
      escape(l.value, sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void escape(String s, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
  }

  private static String unescape(String text, int from, int to) {
    if (text.indexOf('\\', from) < 0 || text.indexOf('\\', from) >= to) {
      return text.substring(from, to);
    }
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i == to) {
        return null;
      }
      switch (text.charAt(i)) {
        case '\\' -> sb.append('\\');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        default -> {
          return null;
        }
      }
    }
    return sb.toString();
  }
}
