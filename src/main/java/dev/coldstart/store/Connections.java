package dev.coldstart.store;

import dev.coldstart.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Opens a JDBC connection to a {@link StoreLocation}. The drivers are instantiated directly, not
 * through {@code DriverManager} (which would load every driver on the class path): only a verb that
 * records or reads history pays for loading one.
 *
 * <p>PostgreSQL credentials come from the URL, else the libpq environment ({@code PGUSER}, {@code
 * PGPASSWORD}, {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}), else the password file ({@code
 * PGPASSFILE}, default {@code ~/.pgpass}). No message ever holds the password: errors name the
 * store by {@link StoreLocation#redacted()} and any echo of the password in a driver message is
 * masked.
 */
final class Connections {
  /** How long a SQLite writer waits for another's lock before giving up (ms). */
  static final int SQLITE_BUSY_TIMEOUT_MS = 60_000;

  private Connections() {}

  static Connection open(StoreLocation loc, String urlPassword, Map<String, String> env) {
    if (!loc.isPostgres()) {
      SqliteLibrary.prepare(env);
    }
    return loc.isPostgres() ? postgres(loc, urlPassword, env) : sqlite(loc);
  }

  private static Connection sqlite(StoreLocation loc) {
    Path file = loc.sqlite();
    try {
      Path dir = file.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
          ? f.getReason() : e.getClass().getSimpleName();
      throw UserError.usage("cannot create the store's directory " + file.getParent() + ": " + why);
    }
    if (Files.isDirectory(file)) {
      throw UserError.usage("the store " + file + " is a directory; give a file (SQLite) or a postgresql:// URL");
    }
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    // WAL: readers never block the writer; writers queue on the busy timeout. IMMEDIATE: a
    // transaction takes the write lock when it begins, so two writers cannot both read and then
    // fail to upgrade (SQLITE_BUSY without waiting).
    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
    config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
    config.enforceForeignKeys(true);
    // Opening applies the pragmas, and switching a new file to WAL needs its lock: SQLite may answer
    // SQLITE_BUSY there without calling the busy handler (https://www.sqlite.org/c3ref/busy_handler.html),
    // as when several CI jobs open a new store at once. Such an open is tried again within the same
    // timeout.
    long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT_MS * 1_000_000L;
    for (int attempt = 0; ; attempt++) {
      try {
        return config.createConnection("jdbc:sqlite:" + file);
      } catch (SQLException e) {
        if (!busy(e) || System.nanoTime() > deadline) {
          throw failure(loc, null, e);
        }
        try {
          Thread.sleep(Math.min(200, 10L << Math.min(attempt, 4)) + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw failure(loc, null, e);
        }
      }
    }
  }

  /** Whether SQLite refused for a lock another connection holds (SQLITE_BUSY or SQLITE_LOCKED). */
  private static boolean busy(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    return code == 5 || code == 6 || e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY");
  }

  private static Connection postgres(StoreLocation loc, String urlPassword, Map<String, String> env) {
    String user = first(loc.user(), env.get("PGUSER"), System.getProperty("user.name"));
    String host = first(loc.host(), env.get("PGHOST"), "localhost");
    if (host.startsWith("/")) {
      throw UserError.usage("the store " + loc.redacted() + ": a Unix socket directory as host is not supported; give a host name");
    }
    int port = loc.port() > 0 ? loc.port() : parsePort(env.get("PGPORT"), loc);
    String database = first(loc.database(), env.get("PGDATABASE"), user);
    String password = first(urlPassword, env.get("PGPASSWORD"), null);
    if (password == null) {
      password = PgPass.lookup(PgPass.file(env), host, port, database, user);
    }
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "coldstart");
    props.setProperty("connectTimeout", "10");
    loc.parameters().forEach(props::setProperty);
    String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
        + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8);
    try {
      Connection c = new org.postgresql.Driver().connect(url, props);
      if (c == null) {
        throw UserError.usage("cannot open the store " + loc.redacted() + ": the driver refused the URL");
      }
      return c;
    } catch (SQLException e) {
      throw failure(loc, password, e);
    }
  }

  private static int parsePort(String s, StoreLocation loc) {
    if (s == null || s.isBlank()) {
      return 5432;
    }
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw UserError.usage("PGPORT is not a port number (store " + loc.redacted() + ")");
    }
  }

  private static String first(String a, String b, String c) {
    for (String s : List.of(a == null ? "" : a, b == null ? "" : b, c == null ? "" : c)) {
      if (!s.isEmpty()) {
        return s;
      }
    }
    return null;
  }

  /** A one-line, password-free exit-2 error for a store that cannot be used. */
  static UserError failure(StoreLocation loc, String password, SQLException e) {
    return UserError.usage("cannot use the store " + loc.redacted() + ": " + message(e, password));
  }

  /** The first line of a driver's message, with the password (if it ever appears) masked. */
  static String message(SQLException e, String password) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    if (password != null && !password.isEmpty()) {
      m = m.replace(password, "***");
    }
    return m.strip();
  }
}
