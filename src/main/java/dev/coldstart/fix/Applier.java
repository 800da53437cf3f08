package dev.coldstart.fix;

import dev.coldstart.AtomicFiles;
import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes planned fixes, and puts the originals back. Every write goes through {@link AtomicFiles}:
 * each file is either old or new at every moment. Before writing, each file is checked to still
 * hold the bytes the plan was made from (another editor may have changed it meanwhile); such a file
 * is left alone and the whole apply stops before writing anything.
 */
public final class Applier {
  private Applier() {}

  /** Writes every changed file; returns the ones written. */
  public static List<Fixer.FileFix> apply(List<Fixer.FileFix> plan) {
    List<Fixer.FileFix> changed = plan.stream().filter(Fixer.FileFix::changed).toList();
    for (Fixer.FileFix f : changed) {
      try {
        if (!Arrays.equals(Files.readAllBytes(f.file()), f.original())) {
          throw UserError.usage(f.shown() + " changed while coldstart was planning; nothing was written, run again");
        }
      } catch (IOException e) {
        throw UserError.usage("cannot read " + f.shown() + ": " + e.getMessage());
      }
    }
    List<Fixer.FileFix> written = new ArrayList<>();
    for (Fixer.FileFix f : changed) {
      try {
        AtomicFiles.replace(f.file(), f.fixed());
        written.add(f);
      } catch (IOException e) {
        restore(written);
        throw UserError.usage("cannot write " + f.shown() + ": " + e.getMessage() + "; the files written so far were restored");
      }
    }
    return written;
  }

  /** Puts the original bytes back (atomically, file by file). */
  public static void restore(List<Fixer.FileFix> written) {
    List<String> failed = new ArrayList<>();
    for (Fixer.FileFix f : written) {
      try {
        AtomicFiles.replace(f.file(), f.original());
      } catch (IOException e) {
        failed.add(f.shown() + " (" + e.getMessage() + ")");
      }
    }
    if (!failed.isEmpty()) {
      throw UserError.usage("could not restore " + String.join(", ", failed));
    }
  }
}
