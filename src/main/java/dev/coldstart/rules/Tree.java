package dev.coldstart.rules;

import java.nio.file.Path;

/**
 * A root the user gave to lint, as tree rules see it.
 *
 * @param shown the path as the user wrote it (prefix of every finding's file)
 * @param location where it is
 */
record Tree(String shown, Path location) {
  /** The path of {@code p} (under location) as findings show it. */
  String show(Path p) {
    Path rel = location.relativize(p);
    if (rel.toString().isEmpty()) {
      return shown;
    }
    return (shown.endsWith("/") ? shown : shown + "/") + rel.toString().replace('\\', '/');
  }
}
