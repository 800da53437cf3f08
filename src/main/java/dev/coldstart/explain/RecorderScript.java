package dev.coldstart.explain;

import dev.coldstart.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The import recorder shipped in the jar ({@code record_imports.py}): extracts it next to the run
 * and builds the command line. The recording pass is untimed; its output is read with {@link
 * ImportLog#read}.
 */
public final class RecorderScript {
  static final String RESOURCE = "/dev/coldstart/python/record_imports.py";

  private RecorderScript() {}

  /** Writes the script into {@code dir} and returns its path. */
  public static Path extractTo(Path dir) {
    try (InputStream in = RecorderScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("record_imports.py is missing from the jar");
      }
      Path script = dir.resolve("record_imports.py");
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return script;
    } catch (IOException e) {
      throw UserError.target("cannot write the import recorder to " + dir + ": " + e.getMessage());
    }
  }

  /**
   * {@code python -S [flags] record_imports.py [--no-site] OUT ARGS...}: {@code -S} so that site
   * and its .pth files run after the hooks; the script runs {@code site.main()} itself unless
   * {@code runSite} is false (a target meant to run with {@code -S}).
   *
   * @param interpreterFlags flags for the interpreter, e.g. {@code -I}, {@code -X utf8}
   * @param target what follows the interpreter: {@code -c CODE}, {@code -m MOD ...}, {@code
   *     SCRIPT ...}
   */
  public static List<String> command(
      String python,
      List<String> interpreterFlags,
      Path script,
      Path out,
      boolean runSite,
      List<String> target) {
    List<String> cmd = new ArrayList<>();
    cmd.add(python);
    cmd.add("-S");
    cmd.addAll(interpreterFlags);
    cmd.add(script.toString());
    if (!runSite) {
      cmd.add("--no-site");
    }
    cmd.add(out.toString());
    cmd.addAll(target);
    return cmd;
  }
}
