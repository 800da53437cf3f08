package dev.coldstart.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CS106: a {@code .pth} file with lines that run code. The {@code site} module reads every {@code
 * .pth} file in site-packages at every interpreter start, and executes each line that starts with
 * {@code import} followed by a space or tab; whatever that line imports is paid by every Python
 * process in the environment, including {@code python -c pass}. Reported per executable line.
 */
final class PthCodeRule implements Rule.TreeRule {
  static final RuleInfo INFO =
      Rule.info("CS106", "pth-runs-code", "A .pth file runs code at every interpreter start-up.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Tree tree, LintContext context) {
    List<Finding> out = new ArrayList<>();
    for (Path pth : files(tree.location())) {
      List<String> lines;
      try {
        lines = Files.readAllLines(pth, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.startsWith("import ") || l.startsWith("import\t")) {
          out.add(
              new Finding(
                  INFO.code(), tree.show(pth), i + 1, 1,
                  "`" + (l.length() > 100 ? l.substring(0, 100) + "..." : l)
                      + "` runs at every interpreter start-up in this environment, whatever the program.",
                  "Uninstall the package that ships it if unused, or measure it with `coldstart profile -c pass`;"
                      + " editable installs can use a plain path line instead."));
        }
      }
    }
    return out;
  }

  private static List<Path> files(Path root) {
    if (Files.isRegularFile(root)) {
      return root.toString().endsWith(".pth") ? List.of(root) : List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".pth") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
