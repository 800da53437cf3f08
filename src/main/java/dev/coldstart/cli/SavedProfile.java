package dev.coldstart.cli;

import dev.coldstart.UserError;
import dev.coldstart.profile.Profile;
import dev.coldstart.report.ProfileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a profile saved with {@code profile --format json}, from a file or {@code -} (stdin). */
final class SavedProfile {
  private SavedProfile() {}

  static Profile read(Io io, String source) {
    return ProfileJson.read(text(io, source), name(source));
  }

  /** How a source is named in messages. */
  static String name(String source) {
    return source.equals("-") ? "<stdin>" : source;
  }

  /** The text of a saved file, or of stdin for {@code -}. */
  static String text(Io io, String source) {
    String text;
    try {
      text =
          source.equals("-")
              ? new String(io.in().readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(source), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw UserError.usage("no such profile: " + source);
    } catch (IOException e) {
      throw UserError.usage("cannot read " + source + ": " + e.getMessage());
    }
    return text;
  }
}
