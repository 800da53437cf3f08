package dev.coldstart.gate;

import dev.coldstart.python.Target;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of the project's code that entries run in: the head (the working tree) or the base (a
 * temporary git worktree). Runs start in {@link #root()} with {@link #pythonPath()} first on
 * PYTHONPATH, so {@code import mypkg} finds this copy's code even when another copy is installed.
 *
 * @param root the directory of the pyproject.toml in this copy
 * @param pythonPath absolute directories put first on PYTHONPATH
 */
public record ProjectTree(Path root, List<Path> pythonPath) {
  /**
   * The tree at {@code root} with the configuration's {@code pythonpath}; when that is empty:
   * {@code src} if the project has a src layout, else the root.
   */
  public static ProjectTree of(Path root, List<String> configured) {
    List<Path> paths = new ArrayList<>();
    if (configured.isEmpty()) {
      paths.add(Files.isDirectory(root.resolve("src")) ? root.resolve("src") : root);
    } else {
      configured.forEach(p -> paths.add(root.resolve(p).normalize()));
    }
    return new ProjectTree(root, List.copyOf(paths));
  }

  /** The environment changes for a run: PYTHONPATH with this tree's directories first. */
  public Map<String, String> env() {
    List<String> parts = new ArrayList<>();
    pythonPath.forEach(p -> parts.add(p.toString()));
    String existing = System.getenv("PYTHONPATH");
    if (existing != null && !existing.isEmpty()) {
      parts.add(existing);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PYTHONPATH", String.join(File.pathSeparator, parts));
    return env;
  }

  /** The same target in this tree: a script of another tree is moved to the same place here. */
  public Target rebase(Target target, Path otherRoot) {
    if (target instanceof Target.Script s && s.script().startsWith(otherRoot)) {
      return new Target.Script(root.resolve(otherRoot.relativize(s.script())), s.args());
    }
    return target;
  }
}
