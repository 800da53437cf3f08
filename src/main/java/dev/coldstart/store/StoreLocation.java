package dev.coldstart.store;

import dev.coldstart.UserError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where recorded results live: a SQLite file (the default, {@code .coldstart/history.db} in the
 * project) or a PostgreSQL database given as a libpq-style URL ({@code
 * postgresql://host:port/db?sslmode=require}). Credentials never live here: a password written in
 * the URL is taken out at parse time and kept only for the connection; {@link #toString()} and
 * every message show {@link #redacted()}.
 *
 * @param sqlite the SQLite file, or null for PostgreSQL
 * @param host PostgreSQL host (null: PGHOST, else localhost)
 * @param port PostgreSQL port (0: PGPORT, else 5432)
 * @param database PostgreSQL database (null: PGDATABASE, else the user name)
 * @param user user named in the URL, or null (then PGUSER, else the login name)
 * @param parameters the URL's query parameters other than user and password, in order
 */
public record StoreLocation(
    Path sqlite, String host, int port, String database, String user, Map<String, String> parameters) {

  /** The default store of a project: {@code .coldstart/history.db} under its root. */
  public static StoreLocation defaultFor(Path projectRoot) {
    return new StoreLocation(projectRoot.resolve(".coldstart").resolve("history.db"), null, 0, null, null, Map.of());
  }

  /**
   * Parses a {@code --store} value or a configuration's {@code store}: {@code postgresql://...}
   * (or {@code postgres://...}), {@code sqlite:PATH}, or a plain file path; relative paths are
   * resolved against {@code base}. A password in the URL is dropped (only {@link Store#open} uses
   * it).
   *
   * @throws UserError exit 2 for a malformed value; the message shows the value redacted
   */
  public static StoreLocation parse(String value, Path base) {
    return parse(value, base, new String[1]);
  }

  /** As {@link #parse(String, Path)}, with a password in the URL returned in {@code password[0]}. */
  static StoreLocation parse(String value, Path base, String[] password) {
    String v = value.strip();
    if (v.isEmpty()) {
      throw UserError.usage("the store is empty: give a file path or a postgresql:// URL");
    }
    if (v.startsWith("postgresql://") || v.startsWith("postgres://")) {
      return postgres(v, password);
    }
    if (v.startsWith("jdbc:")) {
      throw UserError.usage("give the store as postgresql://host:port/db (libpq form), not a jdbc: URL");
    }
    if (v.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw UserError.usage("unknown store scheme in " + redact(v) + ": use a file path (SQLite) or postgresql://");
    }
    String path = v.startsWith("sqlite:") ? v.substring("sqlite:".length()) : v;
    return new StoreLocation(base.resolve(path).toAbsolutePath().normalize(), null, 0, null, null, Map.of());
  }

  private static StoreLocation postgres(String url, String[] password) {
    String rest = url.substring(url.indexOf("://") + 3);
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String user = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String info = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon >= 0 ? info.substring(0, colon) : info, url);
      if (colon >= 0) {
        password[0] = decode(info.substring(colon + 1), url);
      }
      if (user.isEmpty()) {
        user = null;
      }
    }
    int slash = rest.indexOf('/');
    String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
    String database = slash >= 0 ? decode(rest.substring(slash + 1), url) : null;
    if (database != null && (database.isEmpty() || database.contains("/"))) {
      database = database.isEmpty() ? null : bad(url, "a database name cannot contain '/'");
    }
    String host = hostPort;
    int port = 0;
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        bad(url, "the port must be a number from 1 to 65535");
      }
    }
    if (host.contains(",")) {
      bad(url, "one host only");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String kv : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        bad(url, "query parameters are key=value");
      }
      String k = decode(kv.substring(0, eq), url);
      String val = decode(kv.substring(eq + 1), url);
      switch (k) {
        case "password" -> password[0] = val;
        case "user" -> user = val;
        case "host" -> host = val;
        case "port" -> {
          try {
            port = Integer.parseInt(val);
          } catch (NumberFormatException e) {
            bad(url, "the port must be a number");
          }
        }
        case "dbname" -> database = val;
        default -> params.put(k, val);
      }
    }
    return new StoreLocation(null, host.isEmpty() ? null : host, port, database, user, params);
  }

  private static String decode(String s, String url) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return bad(url, "bad %-escape");
    }
  }

  private static String bad(String url, String why) {
    throw UserError.usage("bad store URL " + redact(url) + ": " + why);
  }

  /**
   * {@code url} with anything secret removed: the password of {@code user:password@}, and the query
   * string (which may hold {@code password=}), for messages about a URL that did not parse.
   */
  static String redact(String url) {
    String s = url;
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q) + "?...";
    }
    int scheme = s.indexOf("://");
    int at = s.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      String info = s.substring(scheme + 3, at);
      int colon = info.indexOf(':');
      s = s.substring(0, scheme + 3) + (colon >= 0 ? info.substring(0, colon) : info) + s.substring(at);
    }
    return s;
  }

  public boolean isPostgres() {
    return sqlite == null;
  }

  /**
   * Whether this is a SQLite store whose file does not exist yet. Reading (history, bisect, the
   * dashboard) never creates a store; only recording does.
   */
  public boolean missingFile() {
    return sqlite != null && !java.nio.file.Files.isRegularFile(sqlite);
  }

  /** How messages name this store: the file, or the URL without password or parameters. */
  public String redacted() {
    if (sqlite != null) {
      return sqlite.toString();
    }
    return "postgresql://" + (user == null ? "" : user + "@") + (host == null ? "" : host)
        + (port > 0 ? ":" + port : "") + "/" + (database == null ? "" : database);
  }

  @Override
  public String toString() {
    return redacted();
  }
}
