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

  /** As {@link #write(Io, String, String)}, for text already encoded as UTF-8. */
  static void write(Io io, String file, byte[] utf8) {
    if (file == null || file.equals("-")) {
      if (io.out() instanceof StdoutWriter stdout) {
        stdout.writeUtf8(utf8);
      } else {
        io.out().print(new String(utf8, StandardCharsets.UTF_8));
      }
      io.out().flush();
      return;
    }
    Path target = Path.of(file);
    try {
      AtomicFiles.write(target, utf8);
    } catch (IOException e) {
      throw UserError.usage("cannot write " + target + ": " + e.getMessage());
    }
  }

  static void writeAtomically(Path target, String text) {
    try {
      AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw UserError.usage("cannot write " + target + ": " + e.getMessage());
    }
  }
}
