package dev.coldstart.gate;

import java.util.regex.Pattern;

/**
 * A module pattern from the configuration, as in {@code forbid = ["fastapi", "mypkg.protocols.*"]}.
 *
 * <ul>
 *   <li>A plain dotted name matches that module and every submodule: {@code fastapi} matches
 *       {@code fastapi} and {@code fastapi.routing} (a submodule cannot load without its package).
 *   <li>{@code *} inside a part matches any characters of that part: {@code pydantic*} matches
 *       {@code pydantic_core} and {@code pydantic.main}.
 *   <li>A final {@code .*} matches the submodules only, at any depth: {@code mypkg.protocols.*}
 *       matches {@code mypkg.protocols.http} but not {@code mypkg.protocols} itself.
 * </ul>
 *
 * @param text the pattern as written
 */
public record ModulePattern(String text, Pattern regex) {
  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_*]+(\\.[\\p{L}\\p{N}_*]+)*");

  /** Whether {@code text} is a pattern this class accepts. */
  public static boolean isValid(String text) {
    return VALID.matcher(text).matches() && !text.contains("**");
  }

  /** Compiles a pattern; see the class comment for its meaning. */
  public static ModulePattern of(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException("not a module pattern: " + text);
    }
    String body = text;
    boolean submodulesOnly = body.endsWith(".*");
    if (submodulesOnly) {
      body = body.substring(0, body.length() - 2);
    }
    StringBuilder re = new StringBuilder();
    for (String part : body.split("\\.")) {
      if (!re.isEmpty()) {
        re.append("\\.");
      }
      for (String piece : part.split("\\*", -1)) {
        re.append(Pattern.quote(piece)).append("[^.]*");
      }
      re.setLength(re.length() - "[^.]*".length());
    }
    re.append(submodulesOnly ? "\\..+" : "(\\..+)?");
    return new ModulePattern(text, Pattern.compile(re.toString()));
  }

  public boolean matches(String module) {
    return regex.matcher(module).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModulePattern p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
