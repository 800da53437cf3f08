package dev.coldstart.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CS107: a deploy that makes every cold start compile Python source. Two forms:
 *
 * <ul>
 *   <li>a {@code site-packages} (or {@code dist-packages}) directory holding {@code .py} files and
 *       no {@code .pyc} at all: a read-only or fresh deploy (a container layer, a Lambda zip)
 *       compiles every module it imports on every cold start (docs/rules/CS107.md);
 *   <li>a Dockerfile/Containerfile that sets {@code PYTHONDONTWRITEBYTECODE} without a {@code
 *       compileall} step: nothing ever writes bytecode, so every start compiles.
 * </ul>
 */
final class MissingBytecodeRule implements Rule.TreeRule {
  static final RuleInfo INFO =
      Rule.info("CS107", "no-bytecode-cache", "A deploy has no bytecode caches, so every cold start compiles source.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Tree tree, LintContext context) {
    List<Finding> out = new ArrayList<>();
    List<Path> all;
    try (Stream<Path> s = Files.walk(tree.location())) {
      all = s.sorted().toList();
    } catch (IOException | RuntimeException e) {
      return out;
    }
    for (Path p : all) {
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (Files.isDirectory(p) && (name.equals("site-packages") || name.equals("dist-packages"))) {
        long py = count(p, ".py");
        if (py > 0 && count(p, ".pyc") == 0) {
          out.add(
              new Finding(
                  INFO.code(), tree.show(p), 1, 1,
                  name + " holds " + py + " .py files and no .pyc: every cold start compiles each module it imports.",
                  "Precompile at build time: `python -m compileall -q " + tree.show(p) + "` (with the interpreter you deploy)."));
        }
      } else if (Files.isRegularFile(p) && (name.startsWith("Dockerfile") || name.startsWith("Containerfile"))) {
        dockerfile(tree, p, out);
      }
    }
    return out;
  }

  private static void dockerfile(Tree tree, Path p, List<Finding> out) {
    List<String> lines;
    try {
      lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (lines.stream().anyMatch(l -> l.contains("compileall"))) {
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.regionMatches(true, 0, "ENV ", 0, 4) && l.matches("(?i)ENV\\s.*PYTHONDONTWRITEBYTECODE\\s*[= ]\\s*\"?[1-9a-zA-Z].*")) {
        out.add(
            new Finding(
                INFO.code(), tree.show(p), i + 1, 1,
                "PYTHONDONTWRITEBYTECODE is set and the image never runs compileall: every container start compiles"
                    + " every module it imports.",
                "Add `RUN python -m compileall -q /path/to/site-packages /app` after installing, or drop the variable."));
      }
    }
  }

  private static long count(Path dir, String suffix) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).count();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
