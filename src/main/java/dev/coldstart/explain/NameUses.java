package dev.coldstart.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a module uses the names an import binds, read from the source text: inside function bodies
 * (runs later), in annotations of a {@code def} header or an annotated name (type information), or
 * elsewhere at module or class level (runs at import time). That decides the fix: an import used
 * only inside functions can move into them; one used only in annotations can go under {@code if
 * TYPE_CHECKING:}.
 *
 * <p>A line scanner, not a parser: strings and comments are blanked (triple quotes across lines
 * included; names inside f-string braces are therefore not seen), blocks follow indentation, and
 * bracket depth carries continuation lines. A {@code def} header's annotations are the text after
 * a parameter's {@code :} up to its {@code ,} or {@code =} and after {@code ->}; defaults and
 * decorators run at import time. Linear in the file's length.
 */
final class NameUses {
  /** Where uses of a name were seen. */
  record Uses(int inFunctions, int inAnnotations, int atImportTime) {
    int total() {
      return inFunctions + inAnnotations + atImportTime;
    }
  }

  private NameUses() {}

  /**
   * Counts the uses of {@code names}, ignoring lines {@code skipFrom..skipTo} (the import itself)
   * and attribute accesses ({@code x.name}).
   */
  static Uses of(String source, Set<String> names, int skipFrom, int skipTo) {
    List<String> lines = blank(source);
    int fn = 0;
    int ann = 0;
    int now = 0;
    List<int[]> blocks = new ArrayList<>(); // {indent, isDef}
    int depth = 0; // bracket depth carried across lines
    boolean inHeader = false; // inside a def header (possibly several lines)
    boolean headerAnnotation = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      if (depth == 0 && !inHeader) {
        while (!blocks.isEmpty() && blocks.get(blocks.size() - 1)[0] >= indent) {
          blocks.remove(blocks.size() - 1);
        }
        if (trimmed.startsWith("def ") || trimmed.startsWith("async def ")) {
          inHeader = true;
          headerAnnotation = false;
        }
      }
      boolean inFunction = blocks.stream().anyMatch(b -> b[1] == 1);
      boolean header = inHeader;
      boolean lineAnnotation = !header && !inFunction && depth == 0 && isAnnotatedName(trimmed);
      int annotationEnd = lineAnnotation ? annotationEnd(trimmed) : -1;
      boolean skip = i + 1 >= skipFrom && i + 1 <= skipTo;
      int colonOffset = line.indexOf(trimmed);
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (header) {
          if (ch == '(' || ch == '[' || ch == '{') {
            depth++;
          } else if (ch == ')' || ch == ']' || ch == '}') {
            depth--;
          } else if (depth == 1 && ch == ':') {
            headerAnnotation = true;
          } else if (depth == 1 && (ch == ',' || ch == '=')) {
            headerAnnotation = false;
          } else if (depth == 0 && ch == '-' && c + 1 < line.length() && line.charAt(c + 1) == '>') {
            headerAnnotation = true;
          } else if (depth == 0 && ch == ':') {
            inHeader = false;
            header = false;
            blocks.add(new int[] {indent, 1});
            inFunction = true; // the rest of a one-line def is its body
            continue;
          }
        } else if (ch == '(' || ch == '[' || ch == '{') {
          depth++;
        } else if (ch == ')' || ch == ']' || ch == '}') {
          depth = Math.max(0, depth - 1);
        }
        if (!Character.isJavaIdentifierStart(ch) || (c > 0 && isNamePart(line.charAt(c - 1)))) {
          continue;
        }
        int end = c;
        while (end < line.length() && isNamePart(line.charAt(end))) {
          end++;
        }
        String word = line.substring(c, end);
        boolean attribute = c > 0 && line.charAt(c - 1) == '.';
        if (!skip && !attribute && names.contains(word)) {
          if (header && headerAnnotation) {
            ann++;
          } else if (inFunction && !header) {
            fn++;
          } else if (lineAnnotation && c - colonOffset < annotationEnd) {
            ann++;
          } else {
            now++;
          }
        }
        c = end - 1;
      }
      if (depth == 0 && !inHeader && trimmed.endsWith(":") && isBlockHeader(trimmed)) {
        blocks.add(new int[] {indent, 0});
      }
    }
    return new Uses(fn, ann, now);
  }

  private static boolean isNamePart(char ch) {
    return Character.isJavaIdentifierPart(ch) && ch != '$';
  }

  private static boolean isBlockHeader(String trimmed) {
    return !trimmed.startsWith("def ") && !trimmed.startsWith("async def ");
  }

  /** {@code name: annotation [= value]} at statement level. */
  private static boolean isAnnotatedName(String trimmed) {
    return trimmed.matches("[A-Za-z_][A-Za-z_0-9]*\\s*:[^=].*") && !trimmed.matches("(?s)(else|try|finally)\\s*:.*");
  }

  /** Where the annotation of {@code name: annotation = value} ends (the {@code =}), or the end. */
  private static int annotationEnd(String trimmed) {
    int colon = trimmed.indexOf(':');
    int eq = trimmed.indexOf('=', colon);
    return eq < 0 ? trimmed.length() : eq;
  }

  /** The source with string literals and comments replaced by spaces, split into lines. */
  static List<String> blank(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char ch = source.charAt(i);
      if (ch == '#') {
        while (i < n && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (ch == '"' || ch == '\'') {
        boolean triple = i + 2 < n && source.charAt(i + 1) == ch && source.charAt(i + 2) == ch;
        String quote = triple ? String.valueOf(ch).repeat(3) : String.valueOf(ch);
        out.append(quote);
        i += quote.length();
        while (i < n && !source.startsWith(quote, i)) {
          char c = source.charAt(i);
          if (c == '\\' && i + 1 < n) {
            out.append(source.charAt(i + 1) == '\n' ? " \n" : "  ");
            i += 2;
            continue;
          }
          if (c == '\n' && !triple) {
            break; // unterminated: stop at the line's end
          }
          out.append(c == '\n' ? '\n' : ' ');
          i++;
        }
        if (i < n && source.startsWith(quote, i)) {
          out.append(quote);
          i += quote.length();
        }
      } else {
        out.append(ch);
        i++;
      }
    }
    return List.of(out.toString().split("\n", -1));
  }
}
