package dev.coldstart.gate;

import dev.coldstart.UserError;
import dev.coldstart.explain.ImportLog;
import dev.coldstart.explain.RecorderScript;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One untimed run of an entry under the import recorder (dev.coldstart.explain): which modules it
 * loads and through which imports. Deterministic checks (forbidden modules, module counts) use it,
 * so they do not depend on timing noise.
 */
final class ImportRecording {
  private ImportRecording() {}

  /** Records {@code target} in {@code tree}; a target that fails is exit 3 with its traceback. */
  static RuntimeImportGraph record(
      Interpreter py, Target target, ProjectTree tree, Duration timeout, Path workDir, String label) {
    Path out = workDir.resolve("imports-" + Integer.toHexString(label.hashCode()) + ".jsonl");
    Path script = workDir.resolve("record_imports.py");
    if (!Files.exists(script)) {
      RecorderScript.extractTo(workDir);
    }
    PythonProcess p =
        RecorderScript.process(py, script, out, target.pythonArgs()).timeout(timeout).directory(tree.root());
    tree.env().forEach(p::env);
    ProcessResult r = p.run();
    if (r.interrupted()) {
      throw new UserError(dev.coldstart.ExitCode.INTERRUPTED, "interrupted while recording " + label);
    }
    if (!r.ok()) {
      throw UserError.target(
          label + ": " + target.describe() + " "
              + (r.timedOut() ? "timed out after " + timeout.toSeconds() + " s" : "exited with status " + r.exitCode())
              + "\n--- end of its stderr ---\n" + r.stderrTail(15));
    }
    try {
      return RuntimeImportGraph.from(ImportLog.read(out));
    } finally {
      try {
        Files.deleteIfExists(out);
      } catch (IOException ignored) {
        // The work directory is removed as a whole later.
      }
    }
  }
}
