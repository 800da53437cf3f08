package dev.coldstart.fix;

import java.util.List;

/**
 * One change to a file, as whole lines: the original lines [startLine, endLine) (0-based, half
 * open) are replaced by {@code lines}. An insertion has startLine == endLine. Lines carry no line
 * terminator; the file's own newline style is put back when the file is written.
 */
public record Edit(int startLine, int endLine, List<String> lines) {
  public Edit {
    if (startLine < 0 || endLine < startLine) {
      throw new IllegalArgumentException("bad edit range " + startLine + ".." + endLine);
    }
    lines = List.copyOf(lines);
  }

  static Edit insert(int beforeLine, List<String> lines) {
    return new Edit(beforeLine, beforeLine, lines);
  }

  static Edit replace(int firstLine1, int lastLine1, List<String> lines) {
    return new Edit(firstLine1 - 1, lastLine1, lines);
  }
}
