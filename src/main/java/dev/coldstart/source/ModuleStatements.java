package dev.coldstart.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level statements of a module body, each with the lines it spans: what a line number
 * reported at run time (a line event of the module's code) belongs to.
 *
 * <p>A statement starts at a logical line at column 0 and runs to the line before the next one. A
 * compound statement's later clauses ({@code elif}, {@code else}, {@code except}, {@code finally})
 * stay with it, and decorators join the {@code def} or {@code class} they decorate, as the line
 * events of CPython report them. Cost: one pass of the scanner's lexer over the file.
 */
public final class ModuleStatements {
  /**
   * One top-level statement.
   *
   * @param line its first line (1-based; a decorator's line for a decorated definition)
   * @param endLine its last line
   * @param text its first physical line, stripped (for a decorated definition, the def or class line)
   * @param assigned for a plain {@code NAME = value} statement, NAME; otherwise null
   * @param call the value of that assignment holds a call ({@code NAME = f(...)})
   * @param keyword the statement's first word when it is a keyword or name ({@code def},
   *     {@code class}, {@code import}, {@code if}, ...), or null
   */
  public record Statement(int line, int endLine, String text, String assigned, boolean call, String keyword) {
    public boolean contains(int l) {
      return l >= line && l <= endLine;
    }
  }

  private ModuleStatements() {}

  /** The top-level statements of {@code source} (bytes of a Python file, any PEP 263 encoding). */
  public static List<Statement> of(byte[] source) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    SourceDecoder.Utf8 utf8 = SourceDecoder.toUtf8(source, source.length, diagnostics);
    byte[] src = utf8.bytes();
    int length = utf8.length();
    String[] physical = new String(src, 0, length, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
    LogicalLine l = new LogicalLine();
    Lexer lexer = new Lexer(src, length, diagnostics);
    List<int[]> starts = new ArrayList<>(); // [line, isClause, isDecorator]
    List<String> assigned = new ArrayList<>();
    List<Boolean> calls = new ArrayList<>();
    List<String> keywords = new ArrayList<>();
    while (lexer.startLine(l)) {
      lexer.finishLine(l, false);
      if (l.count == 0 || l.indent != 0) {
        continue;
      }
      String first = l.kind[0] == Lexer.NAME ? TokenText.name(src, l, 0) : null;
      boolean clause = first != null && (first.equals("elif") || first.equals("else")
          || first.equals("except") || first.equals("finally"));
      boolean decorator = l.kind[0] == Lexer.OP && src[l.start[0]] == '@';
      starts.add(new int[] {l.line[0], clause ? 1 : 0, decorator ? 1 : 0});
      String name = null;
      boolean call = false;
      if (first != null && l.count >= 3 && l.kind[1] == Lexer.EQUAL && l.findTop(2, l.count, Lexer.EQUAL) < 0
          && l.findTop(2, l.count, Lexer.SEMI) < 0) {
        name = first;
        for (int t = 2; t < l.count && !call; t++) {
          call = l.kind[t] == Lexer.LPAR && (l.kind[t - 1] == Lexer.NAME || l.kind[t - 1] == Lexer.RPAR
              || l.kind[t - 1] == Lexer.RSQB);
        }
      }
      assigned.add(name);
      calls.add(call);
      keywords.add(first);
    }
    List<Statement> out = new ArrayList<>();
    int lastLine = physical.length;
    for (int i = 0; i < starts.size(); i++) {
      int[] s = starts.get(i);
      if (s[1] == 1 && !out.isEmpty()) {
        continue; // a clause of the statement before: it stays part of it
      }
      int begin = s[0];
      int j = i;
      while (starts.get(j)[2] == 1 && j + 1 < starts.size()) {
        j++; // decorators: the statement is the definition they decorate
      }
      int next = j + 1;
      while (next < starts.size() && starts.get(next)[1] == 1) {
        next++;
      }
      int end = next < starts.size() ? starts.get(next)[0] - 1 : lastLine;
      while (end > begin && end - 1 < physical.length
          && (physical[end - 1].isBlank() || physical[end - 1].strip().startsWith("#"))) {
        end--; // blank and comment lines before the next statement are not part of this one
      }
      int shownLine = starts.get(j)[0];
      String text = shownLine - 1 < physical.length ? physical[shownLine - 1].strip() : "";
      out.add(new Statement(begin, Math.max(begin, end), text, assigned.get(j), calls.get(j), keywords.get(j)));
      i = next - 1;
    }
    return out;
  }

  /** The statement holding {@code line}, or null. */
  public static Statement at(List<Statement> statements, int line) {
    int lo = 0;
    int hi = statements.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Statement s = statements.get(mid);
      if (line < s.line()) {
        hi = mid - 1;
      } else if (line > s.endLine()) {
        lo = mid + 1;
      } else {
        return s;
      }
    }
    return null;
  }
}
