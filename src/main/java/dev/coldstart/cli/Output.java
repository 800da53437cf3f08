package dev.coldstart.cli;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a verb's result goes: standard output, or a file written atomically (a temporary file in
 * the same directory, then renamed over the target), so a reader never sees half a report.
 */
final class Output {
  private Output() {}

  static void write(Io io, String file, String text) {
    if (file == null || file.equals("-")) {
      io.out().print(text);
      io.out().flush();
      return;
    }
    writeAtomically(Path.of(file), text);
  }

  static void writeAtomically(Path target, String text) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort.
        }
      }
      throw UserError.usage("cannot write " + target + ": " + e.getMessage());
    }
  }
}
