package dev.coldstart.explain;

import dev.coldstart.UserError;
import dev.coldstart.python.CacheRoot;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.PythonProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import recorder shipped in the jar ({@code record_imports.py}): extracts it next to the run
 * and builds the command line. The recording pass is untimed; its output is read with {@link
 * ImportLog#read}.
 *
 * <p>A script given to the interpreter is compiled on every run (~5 ms for the recorder, on the
 * way to the timed runs), so when coldstart has a cache directory ({@link CacheRoot}) the recorder
 * is started through {@code record_boot.py}, which runs its code compiled by an earlier run and
 * kept in {@code recorder/} there, one file per recorder version and Python version. That directory
 * is made readable by this user only, and not used unless it is this user's and writable by nobody
 * else: the code kept in it is run.
 */
public final class RecorderScript {
  static final String RESOURCE = "/dev/coldstart/python/record_imports.py";
  static final String BOOT = "/dev/coldstart/python/record_boot.py";
  static final String BOOT_NAME = "record_boot.py";

  private RecorderScript() {}

  /** The scripts' text, read once: written out for each recording, hashed to name the cache. */
  private static final class Resources {
    static final byte[] RECORDER = read(RESOURCE);
    static final byte[] BOOT_SCRIPT = read(BOOT);
    static final String HASH =
        Long.toHexString(CacheRoot.fnv64(RECORDER) ^ Long.rotateLeft(CacheRoot.fnv64(BOOT_SCRIPT), 1));

    private static byte[] read(String resource) {
      try (InputStream in = RecorderScript.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the jar");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource + " from the jar", e);
      }
    }
  }

  /** Writes the recorder (and its boot script) into {@code dir} and returns the recorder's path. */
  public static Path extractTo(Path dir) {
    try {
      Path script = dir.resolve("record_imports.py");
      Files.write(script, Resources.RECORDER);
      Files.write(dir.resolve(BOOT_NAME), Resources.BOOT_SCRIPT);
      return script;
    } catch (IOException e) {
      throw UserError.target("cannot write the import recorder to " + dir + ": " + e.getMessage());
    }
  }

  /**
   * What runs the recorder {@code script} (written by {@link #extractTo}) after {@code python -S
   * [flags]}: the boot script, the cache file and the recorder when {@code py}'s compiled recorder
   * can be kept (see the class comment), else the recorder alone.
   */
  public static List<String> invocation(Interpreter py, Path script) {
    return invocation(py, script, System.getenv());
  }

  static List<String> invocation(Interpreter py, Path script, Map<String, String> env) {
    Path cache = cacheFile(py, env);
    return cache == null ? List.of(script.toString()) : boot(script, cache);
  }

  /** The recorder {@code script} run through the boot script next to it, code kept in {@code cache}. */
  static List<String> boot(Path script, Path cache) {
    return List.of(script.resolveSibling(BOOT_NAME).toString(), cache.toString(), script.toString());
  }

  /**
   * The untimed recording run of {@code target} ({@code -c CODE}, {@code -m MOD ...}, {@code
   * SCRIPT ...}) in {@code py} under the recorder {@code script}, writing to {@code out}, with site
   * run by the recorder; the caller sets the timeout, environment and directory.
   */
  public static PythonProcess process(Interpreter py, Path script, Path out, List<String> target) {
    List<String> cmd =
        command(py.executable().toString(), List.of(), invocation(py, script), out, true, target);
    return PythonProcess.builder(py.executable(), cmd.subList(1, cmd.size()));
  }

  /** Where {@code py}'s compiled recorder is kept, or null when there is no usable cache directory. */
  static Path cacheFile(Interpreter py, Map<String, String> env) {
    Path root = CacheRoot.of(env);
    if (root == null) {
      return null;
    }
    Path dir = root.resolve("recorder");
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (!ownedByUsAlone(dir)) {
        return null;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // no cache: the recorder is compiled as it runs
    }
    String python = (py.implementation() + "-" + py.version()).replaceAll("[^A-Za-z0-9._-]", "_");
    return dir.resolve("record_imports-" + Resources.HASH + "-" + python + ".code");
  }

  /**
   * The kept code is run, so its directory must be ours alone: owned by this user and writable by
   * nobody else (a directory planted in a shared cache location is not used).
   */
  private static boolean ownedByUsAlone(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
      return false;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    return !perms.contains(PosixFilePermission.GROUP_WRITE) && !perms.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /**
   * {@code python -S [flags] RECORDER [--no-site] OUT ARGS...}: {@code -S} so that site and its
   * .pth files run after the hooks; the script runs {@code site.main()} itself unless {@code
   * runSite} is false (a target meant to run with {@code -S}).
   *
   * @param interpreterFlags flags for the interpreter, e.g. {@code -I}, {@code -X utf8}
   * @param recorder what runs the recorder, from {@link #invocation}
   * @param target what follows the interpreter: {@code -c CODE}, {@code -m MOD ...}, {@code
   *     SCRIPT ...}
   */
  public static List<String> command(
      String python,
      List<String> interpreterFlags,
      List<String> recorder,
      Path out,
      boolean runSite,
      List<String> target) {
    List<String> cmd = new ArrayList<>();
    cmd.add(python);
    cmd.add("-S");
    cmd.addAll(interpreterFlags);
    cmd.addAll(recorder);
    if (!runSite) {
      cmd.add("--no-site");
    }
    cmd.add(out.toString());
    cmd.addAll(target);
    return cmd;
  }
}
