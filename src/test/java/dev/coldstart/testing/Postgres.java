package dev.coldstart.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the store's tests, never a mock. {@code COLDSTART_TEST_POSTGRES}
 * (set by .ci/run, which starts a throwaway cluster) names one as {@code
 * postgresql://user:password@host:port/db}, a superuser. Without it, this starts its own throwaway
 * cluster once per test JVM when the Debian server binaries are installed ({@code
 * /usr/lib/postgresql/N/bin}): initdb in a temporary directory (as the postgres user when running
 * as root: initdb refuses root), password authentication, a free local port, stopped and deleted at
 * exit (~2 s). With neither, PostgreSQL tests skip, or fail when CI is set.
 *
 * <p>Each test gets its own database ({@link #freshDatabase()}), so tests never see each other's
 * rows.
 */
public final class Postgres {
  public static final String USER = "coldstart";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String admin;
  private static String failure;

  private Postgres() {}

  /** The admin URL (with its password), or skips / fails the test when there is no server. */
  public static synchronized String adminUrl() {
    if (admin == null && failure == null) {
      String env = System.getenv("COLDSTART_TEST_POSTGRES");
      if (env != null && !env.isBlank()) {
        admin = env.strip();
      } else {
        try {
          admin = startCluster();
        } catch (IOException | RuntimeException e) {
          failure = e.getMessage();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = "interrupted";
        }
      }
    }
    if (admin == null) {
      String why = "no PostgreSQL for the store tests: " + failure
          + " (set COLDSTART_TEST_POSTGRES, or install postgresql; .ci/run does both)";
      if (System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    return admin;
  }

  /** A new empty database on the server, as a URL with the admin's credentials. */
  public static String freshDatabase() {
    String url = adminUrl();
    String name = "coldstart_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = connect(url); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    int slash = url.indexOf('/', "postgresql://".length());
    int q = url.indexOf('?');
    return url.substring(0, slash + 1) + name + (q >= 0 ? url.substring(q) : "");
  }

  /** A plain JDBC connection to a {@code postgresql://user:password@host:port/db} URL (test setup). */
  public static Connection connect(String url) throws SQLException {
    String rest = url.substring(url.indexOf("://") + 3);
    int at = rest.lastIndexOf('@');
    String[] info = rest.substring(0, at).split(":", 2);
    String hostDb = rest.substring(at + 1);
    int q = hostDb.indexOf('?');
    if (q >= 0) {
      hostDb = hostDb.substring(0, q);
    }
    Properties p = new Properties();
    p.setProperty("user", info[0]);
    if (info.length > 1) {
      p.setProperty("password", java.net.URLDecoder.decode(info[1], StandardCharsets.UTF_8));
    }
    return new org.postgresql.Driver().connect("jdbc:postgresql://" + hostDb, p);
  }

  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (var s = Files.list(root)) {
      return s.map(d -> d.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .sorted(java.util.Comparator.reverseOrder())
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String startCluster() throws IOException, InterruptedException {
    Path bin = binaries();
    if (bin == null) {
      throw new IOException("no PostgreSQL server binaries under /usr/lib/postgresql");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("coldstart-pg");
    String password = "pw-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    Files.writeString(dir.resolve("pw"), password + "\n");
    if (root) {
      run(List.of("chown", "-R", "postgres:", dir.toString()), dir);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("data");
    run(asServer(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=scram-sha-256",
        "--pwfile=" + dir.resolve("pw"), "-E", "UTF8", "--no-sync"), dir);
    run(asServer(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c max_connections=200", "start"), dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(asServer(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), dir);
      } catch (IOException | InterruptedException | RuntimeException ignored) {
        // The cluster's directory is a temporary one; the OS reclaims a stray server at reboot.
      }
      try (var w = Files.walk(dir)) {
        w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // Left in the temporary directory.
      }
    }));
    return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/postgres";
  }

  private static List<String> asServer(boolean root, String... cmd) {
    List<String> out = new ArrayList<>();
    if (root) {
      out.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    out.addAll(List.of(cmd));
    return out;
  }

  private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(cmd.get(root(cmd)) + " failed: " + out.strip());
    }
  }

  private static int root(List<String> cmd) {
    return cmd.get(0).equals("runuser") ? 4 : 0;
  }
}
