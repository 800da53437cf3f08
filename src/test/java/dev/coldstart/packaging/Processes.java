package dev.coldstart.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a build tool and returns its output, or fails with the command and the end of its output. */
final class Processes {
  private Processes() {}

  /** Runs {@code cmd} (stderr merged into stdout) with {@code env} added; non-zero exit fails. */
  static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    if (env != null) {
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      String tail = out.length() > 4000 ? "..." + out.substring(out.length() - 4000) : out;
      throw new IOException("failed (exit " + rc + "): " + String.join(" ", cmd) + "\n" + tail);
    }
    return out;
  }
}
