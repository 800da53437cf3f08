package dev.coldstart.layout;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code .pth} file in a site directory, read as {@code site.addpackage} reads it: lines starting
 * with {@code #} and blank lines are skipped, lines starting with {@code import} followed by a
 * space or tab are executed at every interpreter start, every other line names a directory that is
 * appended to sys.path when it exists.
 *
 * @param file the .pth file
 * @param addedPaths existing directories it adds, in order
 * @param missingPaths path lines naming directories that do not exist (ignored by Python)
 * @param imports lines of code run at every start
 */
public record PthFile(
    Path file, List<Path> addedPaths, List<String> missingPaths, List<Code> imports) {
  public PthFile {
    addedPaths = List.copyOf(addedPaths);
    missingPaths = List.copyOf(missingPaths);
    imports = List.copyOf(imports);
  }

  /**
   * One executed line.
   *
   * @param line 1-based line number
   * @param text the line as written (without its line end)
   * @param modules absolute modules its import statements name (what it loads at start-up)
   */
  public record Code(int line, String text, List<String> modules) {
    public Code {
      modules = List.copyOf(modules);
    }
  }
}
