package dev.coldstart.store;

import dev.coldstart.python.CacheRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Points sqlite-jdbc at a copy of its native library kept in coldstart's cache ({@link CacheRoot}).
 * Left alone, the driver copies the library (1.1 MB) out of the jar into the temporary directory
 * on every start, after sweeping that directory for stale copies: measured 0.5 to 0.65 s of a
 * `coldstart history` start on a loaded two-core machine (bench/history.sh). With the cache, the
 * copy happens once per driver version; the driver then loads it by path ({@code org.sqlite.lib.path}
 * and {@code org.sqlite.lib.name}, its documented override).
 *
 * <p>Only Linux and macOS on x86_64 and aarch64 are kept this way (the library's place in the jar
 * is known there); anywhere else, and when the cache is off or unwritable, the driver does as it
 * always does.
 */
final class SqliteLibrary {
  private static boolean done;

  private SqliteLibrary() {}

  static synchronized void prepare(Map<String, String> env) {
    if (done || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    done = true;
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> null;
    };
    String dir = os.startsWith("linux") ? "Linux" : os.startsWith("mac") ? "Mac" : null;
    if (arch == null || dir == null || (dir.equals("Linux") && Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")))) {
      return;
    }
    String name = dir.equals("Mac") ? "libsqlitejdbc.dylib" : "libsqlitejdbc.so";
    String resource = "/org/sqlite/native/" + dir + "/" + arch + "/" + name;
    Path cache = CacheRoot.of(env);
    if (cache == null) {
      return;
    }
    try {
      // Named by the jar entry's CRC (read from the jar's directory, not by inflating the entry): a
      // new driver version gets a new copy.
      java.net.URL url = org.sqlite.JDBC.class.getResource(resource);
      if (url == null || !(url.openConnection() instanceof java.net.JarURLConnection jar)) {
        return;
      }
      jar.setUseCaches(false);
      long crc = jar.getJarEntry().getCrc();
      if (crc < 0) {
        return;
      }
      Path libDir = cache.resolve("sqlite-jdbc").resolve(dir + "-" + arch + "-" + Long.toHexString(crc));
      Path lib = libDir.resolve(name);
      if (!Files.isRegularFile(lib)) {
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
          if (in == null) {
            return;
          }
          Files.createDirectories(libDir);
          Path tmp = Files.createTempFile(libDir, name, ".tmp");
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.setProperty("org.sqlite.lib.path", libDir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException e) {
      // The driver's own way still works.
    }
  }
}
