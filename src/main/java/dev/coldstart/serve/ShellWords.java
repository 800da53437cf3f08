package dev.coldstart.serve;

import dev.coldstart.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a target typed into the dashboard ({@code -c "import json"}) into words the way a POSIX
 * shell would, without expanding anything: blanks separate words; single quotes keep everything
 * literally; double quotes keep everything but {@code \"}, {@code \\}, {@code \$} and {@code \`},
 * whose backslash escapes; outside quotes a backslash escapes the next character. No globbing,
 * variables or command substitution: the words go to the interpreter, never to a shell.
 */
public final class ShellWords {
  private ShellWords() {}

  /**
   * The words of {@code line}.
   *
   * @throws UserError (usage) on an unterminated quote or a trailing backslash
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw UserError.usage("unterminated ' in the target");
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        inWord = true;
        while (true) {
          if (i >= line.length()) {
            throw UserError.usage("unterminated \" in the target");
          }
          char d = line.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            word.append(line.charAt(i + 1));
            i += 2;
          } else {
            word.append(d);
            i++;
          }
        }
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw UserError.usage("the target ends with a lone backslash");
        }
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
