package dev.coldstart.cli;

import dev.coldstart.AtomicFiles;
import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a verb's result goes: standard output, or a file written by {@link AtomicFiles} (atomic for
 * regular files, so a reader never sees half a report; in place for devices such as /dev/null).
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
    try {
      AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.usage("cannot write " + target + ": " + e.getMessage());
    }
  }
}
