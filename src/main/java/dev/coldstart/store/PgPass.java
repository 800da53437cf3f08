package dev.coldstart.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The libpq password file ({@code ~/.pgpass}, or {@code PGPASSFILE}): lines {@code
 * hostname:port:database:username:password}, {@code *} matching anything, {@code \:} and {@code
 * \\} escaping; the first matching line wins. See
 * https://www.postgresql.org/docs/current/libpq-pgpass.html
 */
final class PgPass {
  private PgPass() {}

  static Path file(Map<String, String> env) {
    String f = env.get("PGPASSFILE");
    if (f != null && !f.isBlank()) {
      return Path.of(f);
    }
    return Path.of(System.getProperty("user.home"), ".pgpass");
  }

  /** The password for these connection settings, or null when the file has none (or is absent). */
  static String lookup(Path file, String host, int port, String database, String user) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = fields(line);
      if (f.size() != 5) {
        continue;
      }
      if (matches(f.get(0), host) && matches(f.get(1), Integer.toString(port)) && matches(f.get(2), database)
          && matches(f.get(3), user)) {
        return f.get(4);
      }
    }
    return null;
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value);
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (c == ':' && out.size() < 4) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
