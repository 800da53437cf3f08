package dev.coldstart.python;

import dev.coldstart.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers probe answers across coldstart runs, so a verb that runs Python skips the probe (a
 * Python start, ~35 ms with a big site-packages) when nothing it depends on changed.
 *
 * <p>Where: {@code interpreters/} in the {@link CacheRoot} ({@code COLDSTART_CACHE_DIR=off} turns it
 * off), one file per interpreter, named by a hash of its key, replaced atomically. Any problem with the
 * cache (unwritable directory, corrupt file) only means probing again; it never fails a verb.
 *
 * <p>A stale answer is worse than a slow one, so an answer is used only when:
 *
 * <ul>
 *   <li>the key matches exactly: the executable as requested (a venv's {@code bin/python} symlink
 *       has another {@code sys.prefix} than its target), its real path with size, mtime, ctime and
 *       inode, every {@code PYTHON*} variable and the few others that steer start-up ({@link
 *       #KEY_VARIABLES}), the working directory when a path variable may hold relative entries, and
 *       a hash of probe.py (a new coldstart may ask other questions);
 *   <li>every watched path still has the stamp it had after the probe: each sys.path entry, each
 *       site directory (also one that did not exist: creating it changes sys.path) and its {@code
 *       .pth} files, the user site directory, sitecustomize/usercustomize, {@code pyvenv.cfg} next to
 *       and above the executable, and the executable's directory ({@code ._pth} files). Installing a
 *       package or a {@code .pth} file changes a site directory's mtime.
 * </ul>
 *
 * Only a real binary (first bytes {@code \x7fELF}) is cached: a pyenv shim or any script may pick
 * another interpreter per directory, so it is probed every time. An answer is not stored when a
 * watched path changed while the probe ran (its ctime is later than the probe's start, minus the
 * file system's coarse clock): the answer might describe the state before the change.
 *
 * <p>Cost of a hit: reading one small file and ~10-30 {@code stat} calls, no Jackson: ~7 ms in a
 * fresh launcher JVM (nearly all class loading and first execution), under 1 ms once warm; a
 * probe is 35-80 ms. A miss adds the write (a listing of each site directory, an fsync).
 */
final class ProbeCache {
  /** Besides every PYTHON* variable: what changes an interpreter's prefix, sys.path or decoding. */
  static final Set<String> KEY_VARIABLES =
      Set.of(
          "VIRTUAL_ENV", "PYENV_VERSION", "HOME", "LD_LIBRARY_PATH", "LD_PRELOAD", "LANG", "LC_ALL",
          "LC_CTYPE", "__PYVENV_LAUNCHER__");
  /** Variables whose relative entries Python makes absolute with the working directory. */
  private static final List<String> PATH_VARIABLES = List.of("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE");
  /** A change this close before the probe's start may still carry an earlier time (coarse file clock). */
  static final long RACY_MILLIS = 50;
  static final int MAX_FILES = 256;
  private static final String FORMAT = "coldstart probe cache 1";
  private static final ProbeCache OFF = new ProbeCache(null);

  private final Path dir;

  private ProbeCache(Path dir) {
    this.dir = dir;
  }

  /** What an answer was stored for: compared line by line with the stored key. */
  record Key(List<String> lines, Path exe, Path real) {
    String fileName() {
      return Long.toHexString(CacheRoot.fnv64(String.join("\n", lines))).concat(".probe");
    }
  }

  /** The cache the environment {@code env} asks for; {@link #enabled()} false when off. */
  static ProbeCache of(Map<String, String> env) {
    Path root = CacheRoot.of(env);
    return root == null ? OFF : new ProbeCache(root.resolve("interpreters"));
  }

  boolean enabled() {
    return dir != null;
  }

  /** The directory holding the answers, or null when off. */
  Path directory() {
    return dir;
  }

  /**
   * The key of {@code exe} under {@code env}, or null when it must not be cached (off, not a
   * binary, unreadable). Stamps the executable now, before it is probed.
   */
  Key key(Path exe, Map<String, String> env, String probeScript) {
    if (dir == null) {
      return null;
    }
    try {
      Path abs = exe.toAbsolutePath(); // not normalized: "link/.." is not "." for Python either
      Path real = exe.toRealPath();
      if (!isElf(real)) {
        return null;
      }
      // No lambdas or string + here: this runs on every verb, and each new call site costs an
      // invokedynamic bootstrap (milliseconds in a fresh JVM) that a cache hit should not pay.
      List<String> lines = new ArrayList<>();
      lines.add("format ".concat(FORMAT));
      lines.add("probe ".concat(Long.toHexString(CacheRoot.fnv64(probeScript))));
      lines.add("exe ".concat(abs.toString()));
      lines.add("real ".concat(real.toString()));
      lines.add("real_stamp ".concat(stamp(real).text));
      TreeMap<String, String> vars = new TreeMap<>();
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (e.getKey().startsWith("PYTHON") || KEY_VARIABLES.contains(e.getKey())) {
          vars.put(e.getKey(), e.getValue());
        }
      }
      boolean relativeEntries = false;
      for (Map.Entry<String, String> e : vars.entrySet()) {
        lines.add(new StringBuilder("env ").append(e.getKey()).append('=').append(e.getValue()).toString());
        relativeEntries |= PATH_VARIABLES.contains(e.getKey());
      }
      if (relativeEntries) {
        lines.add("cwd ".concat(Path.of("").toAbsolutePath().toString()));
      }
      return new Key(List.copyOf(lines), abs, real);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isElf(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] b = in.readNBytes(4);
      return b.length == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }
  }

  /**
   * The stored answer for {@code key}, or null when there is none, it is unreadable or corrupt,
   * stored for another key, or any watched path changed since.
   */
  ProbeLines read(Key key) {
    if (key == null) {
      return null;
    }
    try {
      return readOrNull(key);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private ProbeLines readOrNull(Key key) throws IOException {
    ProbeLines file = ProbeLines.parse(Files.readString(dir.resolve(key.fileName()), StandardCharsets.UTF_8));
    if (file == null
        || file.lines().isEmpty()
        || !file.lines().get(0).name().equals("cache")
        || !file.lines().get(0).value().equals(FORMAT)) {
      return null;
    }
    if (!file.all("key").equals(key.lines())) {
      return null;
    }
    for (String check : file.all("check")) {
      int space = check.indexOf(' ');
      if (space < 0 || !stamp(Path.of(check.substring(space + 1))).text.equals(check.substring(0, space))) {
        return null;
      }
    }
    List<ProbeLines.Line> answer = new ArrayList<>();
    for (ProbeLines.Line l : file.lines().subList(1, file.lines().size())) {
      if (!l.name().equals("key") && !l.name().equals("check")) {
        answer.add(l);
      }
    }
    ProbeLines a = new ProbeLines(answer);
    return sameBinary(a, key) ? a : null;
  }

  /**
   * Stores {@code answer} for {@code key}, unless a watched path changed after {@code
   * probeStartMillis} (wall clock) or anything goes wrong. Costs a directory listing per site
   * directory (for its .pth files) and an fsync.
   */
  void write(Key key, ProbeLines answer, long probeStartMillis) {
    if (key == null) {
      return;
    }
    try {
      if (!sameBinary(answer, key)) {
        return;
      }
      long racyFrom = TimeUnit.MILLISECONDS.toNanos(probeStartMillis - RACY_MILLIS);
      List<ProbeLines.Line> out = new ArrayList<>();
      out.add(new ProbeLines.Line("cache", FORMAT));
      for (String k : key.lines()) {
        out.add(new ProbeLines.Line("key", k));
      }
      for (Path p : watched(answer, key)) {
        Stamp s = stamp(p);
        if (s.changeNanos >= racyFrom) {
          return; // changed while (or just before) the probe ran: the answer may predate it
        }
        out.add(new ProbeLines.Line("check", s.text + " " + p));
      }
      out.addAll(answer.lines());
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      AtomicFiles.write(dir.resolve(key.fileName()), new ProbeLines(out).text().getBytes(StandardCharsets.UTF_8));
      prune();
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written only means probing next time too.
    }
  }

  /**
   * Keeps the directory small: each interpreter, and each PYTHONPATH or throw-away virtualenv, adds
   * a file (~2 KB). Past {@value #MAX_FILES} files the least recently written go.
   */
  private void prune() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.probe")) {
      s.forEach(files::add);
    }
    if (files.size() <= MAX_FILES) {
      return;
    }
    Map<Path, Long> written = new java.util.HashMap<>();
    for (Path f : files) {
      try {
        written.put(f, Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        written.put(f, 0L); // gone already
      }
    }
    files.sort(java.util.Comparator.comparing(written::get));
    for (Path f : files.subList(0, files.size() - MAX_FILES * 3 / 4)) {
      Files.deleteIfExists(f);
    }
  }

  /** The answer's sys.executable is the binary the key stamped (not another one behind a link). */
  private static boolean sameBinary(ProbeLines answer, Key key) {
    String exe = answer.first("executable");
    if (exe == null || exe.isEmpty()) {
      return false;
    }
    try {
      return Path.of(exe).toRealPath().equals(key.real());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Every path whose change may change the answer; see the class comment. */
  private static Set<Path> watched(ProbeLines answer, Key key) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    for (Path bin : List.of(key.exe().getParent(), key.real().getParent())) {
      out.add(bin);
      out.add(bin.resolve("pyvenv.cfg"));
      if (bin.getParent() != null) {
        out.add(bin.getParent().resolve("pyvenv.cfg"));
      }
    }
    for (String p : answer.all("path")) {
      if (!p.isEmpty()) {
        out.add(Path.of(p));
      }
    }
    Set<Path> sites = new LinkedHashSet<>();
    for (String p : answer.all("site_dir")) {
      sites.add(Path.of(p));
    }
    for (String p : answer.all("user_site")) {
      sites.add(Path.of(p));
    }
    for (String p : answer.all("path")) {
      if (p.endsWith("site-packages") || p.endsWith("dist-packages")) {
        sites.add(Path.of(p));
      }
    }
    for (Path site : sites) {
      out.add(site);
      if (Files.isDirectory(site)) {
        try (DirectoryStream<Path> pths = Files.newDirectoryStream(site, "*.pth")) {
          pths.forEach(out::add);
        }
      }
    }
    for (String p : answer.all("customize")) {
      out.add(Path.of(p));
    }
    return out;
  }

  /** A path's state as one word, and when it last changed (ctime, 0 when absent). */
  private record Stamp(String text, long changeNanos) {}

  private static Stamp stamp(Path p) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:size,lastModifiedTime,ctime,ino,mode");
      long ctime = ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
      String text =
          new StringBuilder()
              .append(a.get("size"))
              .append(':')
              .append(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS))
              .append(':')
              .append(ctime)
              .append(':')
              .append(a.get("ino"))
              .append(':')
              .append(Integer.toOctalString((Integer) a.get("mode")))
              .toString();
      return new Stamp(text, ctime);
    } catch (NoSuchFileException e) {
      return new Stamp("absent", 0);
    } catch (UnsupportedOperationException e) {
      return basicStamp(p);
    } catch (IOException | RuntimeException e) {
      return new Stamp("unreadable", 0);
    }
  }

  /** Without the unix attribute view (not Linux or macOS): size, mtime and file key. */
  private static Stamp basicStamp(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      return new Stamp(new StringBuilder().append(a.size()).append(':').append(mtime).append(':').append(a.fileKey()).toString(), mtime);
    } catch (NoSuchFileException e) {
      return new Stamp("absent", 0);
    } catch (IOException | RuntimeException e) {
      return new Stamp("unreadable", 0);
    }
  }
}
