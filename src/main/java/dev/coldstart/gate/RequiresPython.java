package dev.coldstart.gate;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/**
 * The oldest Python a project supports, from {@code [project] requires-python} in its
 * pyproject.toml (PEP 621, a PEP 440 specifier such as {@code >=3.15} or {@code >=3.9,<4}).
 * Rules and fixes use it to choose what they suggest and write: PEP 810 {@code lazy} imports only
 * when every supported Python has them (3.15+).
 *
 * <p>The lowest release the specifier admits is taken clause by clause: {@code >=X.Y}, {@code
 * ~=X.Y[.Z]}, {@code ==X.Y[.*|.Z]} and {@code >X.Y} (which admits X.Y.1) give X.Y; the largest
 * such bound wins. A specifier without a lower bound ({@code <4}, {@code !=3.9.*}) says nothing.
 *
 * @param major the major version of the lower bound
 * @param minor its minor version
 * @param specifier the requires-python value as written
 * @param file the pyproject.toml it came from
 */
public record RequiresPython(int major, int minor, String specifier, Path file) {
  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(>=|~=|===|==|>)\\s*v?([0-9]{1,6})(?![0-9])(?:\\.([0-9]{1,6})(?![0-9]))?[0-9a-zA-Z.*+!-]*\\s*");

  /** True when the lower bound is at least {@code maj.min}. */
  public boolean atLeast(int maj, int min) {
    return major > maj || (major == maj && minor >= min);
  }

  /** "3.15" */
  public String version() {
    return major + "." + minor;
  }

  /** For messages: "requires-python >=3.15 in /p/pyproject.toml". */
  public String describe() {
    return "requires-python " + specifier.strip() + " in " + file;
  }

  /** The requires-python of the nearest pyproject.toml from {@code dir} up ({@link ConfigReader#find}). */
  public static Optional<RequiresPython> near(Path dir) {
    Path file = ConfigReader.find(dir);
    return file == null ? Optional.empty() : read(file);
  }

  /**
   * The requires-python of {@code file}; empty when the file has none or it admits no lower bound.
   *
   * @throws UserError exit 2 when the file cannot be read or is not TOML
   */
  public static Optional<RequiresPython> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.usage("cannot read " + file + ": " + e.getMessage());
    }
    TomlParseResult toml = Toml.parse(text, TomlVersion.V1_0_0);
    if (toml.hasErrors()) {
      var e = toml.errors().get(0);
      throw UserError.usage(file + ":" + e.position().line() + ": invalid TOML: " + e.getMessage());
    }
    Object value = toml.get(java.util.List.of("project", "requires-python"));
    if (!(value instanceof String s)) {
      return Optional.empty();
    }
    return parse(s, file);
  }

  /** The lower bound of a PEP 440 specifier, or empty. */
  static Optional<RequiresPython> parse(String specifier, Path file) {
    int major = -1;
    int minor = -1;
    for (String clause : specifier.split(",")) {
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) {
        continue;
      }
      int maj = Integer.parseInt(m.group(2));
      int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      if (maj > major || (maj == major && min > minor)) {
        major = maj;
        minor = min;
      }
    }
    return major < 0 ? Optional.empty() : Optional.of(new RequiresPython(major, minor, specifier, file));
  }
}
