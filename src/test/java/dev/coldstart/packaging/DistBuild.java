package dev.coldstart.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds coldstart's self-contained distribution for the platform of the JDK given: a wheel (PEP 427
 * and 491) that pip installs as the command {@code coldstart}, and the same tree as a tarball. Run by
 * {@code ./mvnw package -Pdist} (into target/dist) and by {@code WheelIT}; see docs/install.md.
 *
 * <p>The tree, identical in both archives (pip puts the wheel's {@code .data/scripts} in PREFIX/bin
 * and its {@code .data/data} under PREFIX):
 *
 * <pre>
 *   bin/coldstart                 src/dist/coldstart, a POSIX shell script that execs the runtime
 *   lib/coldstart/runtime/        jlinked from the JDK ({@link RuntimeImage})
 *   lib/coldstart/coldstart.aot   the AOT cache trained by the hidden verb aot-train on that runtime and jar
 *   lib/coldstart/coldstart.jar
 * </pre>
 *
 * <p>Reproducible: every entry has the build time {@code SOURCE_DATE_EPOCH} (default
 * {@link #DEFAULT_EPOCH}) and the archives are written byte for byte from the files, sorted. The AOT
 * cache is what the JVM wrote after the training run; it records the jar's modification time, which
 * is why the jar gets the build time before training (see the launcher).
 */
public final class DistBuild {
  /** The entries' time when SOURCE_DATE_EPOCH is unset: fixed, so two builds give the same bytes. */
  static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  static final String NAME = "coldstart";
  private static final String SUMMARY = "Finds, explains, fixes and guards the start-up cost of Python programs.";

  /**
   * What to build.
   *
   * @param jar the shaded coldstart.jar
   * @param jdk a JDK 25+ for this platform: its modules become the runtime
   * @param launcher src/dist/coldstart
   * @param out the directory the wheel and the tarball go to (created)
   * @param mavenVersion the project version, e.g. 0.1.0-SNAPSHOT (a PEP 440 .dev0 release)
   * @param epoch every entry's modification time
   * @param tarball whether to write the tarball too (WheelIT needs only the wheel)
   */
  public record Config(Path jar, Path jdk, Path launcher, Path out, String mavenVersion, Instant epoch, boolean tarball) {}

  /** What was built; {@code tarball} is null when not asked for. */
  public record Result(Path wheel, Path tarball, String platformTag, Set<String> modules) {}

  private DistBuild() {}

  /** {@code DistBuild JAR JDK LAUNCHER OUT MAVEN_VERSION}; prints the two archives and their sizes. */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: DistBuild JAR JDK LAUNCHER OUT-DIR MAVEN-VERSION");
    }
    String sde = System.getenv("SOURCE_DATE_EPOCH");
    Instant epoch = sde == null || sde.isBlank() ? DEFAULT_EPOCH : Instant.ofEpochSecond(Long.parseLong(sde.strip()));
    Result r = build(new Config(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4], epoch, true));
    System.out.println("runtime modules: " + String.join(",", r.modules()));
    for (Path p : List.of(r.wheel(), r.tarball())) {
      System.out.printf("%s (%.1f MB)%n", p, Files.size(p) / 1e6);
    }
  }

  public static Result build(Config c) throws IOException, InterruptedException {
    int feature = RuntimeImage.feature(c.jdk());
    if (feature < 25) {
      throw new IOException("the distribution needs a JDK 25 or newer (jlink without jmods, the AOT cache); "
          + c.jdk() + " is " + feature + ": set -Dcoldstart.dist.jdk=/path/to/jdk-25");
    }
    String arch = releaseValue(c.jdk(), "OS_ARCH");
    if (!"Linux".equals(releaseValue(c.jdk(), "OS_NAME"))) {
      throw new IOException("only Linux distributions are built so far (docs/install.md); " + c.jdk() + " is not a Linux JDK");
    }
    String version = pep440(c.mavenVersion());
    Path work = c.out().resolve("work");
    deleteTree(work);
    Path top = work.resolve(NAME + "-" + version);
    Path home = top.resolve("lib/coldstart");
    Files.createDirectories(home);

    long t0 = System.nanoTime();
    Set<String> modules = RuntimeImage.modulesFor(c.jdk(), feature, c.jar());
    t0 = step("jdeps", t0);
    RuntimeImage.link(c.jdk(), modules, home.resolve("runtime"));
    t0 = step("jlink", t0);

    Path jar = home.resolve("coldstart.jar").toAbsolutePath();
    Path aot = home.resolve("coldstart.aot").toAbsolutePath();
    copyForPlatform(c.jar(), jar, arch);
    Files.setLastModifiedTime(jar, FileTime.from(c.epoch()));
    train(home.resolve("runtime/bin/java").toAbsolutePath(), jar, aot, work.resolve("train-cache"));
    t0 = step("AOT training run", t0);
    if (!Files.getLastModifiedTime(jar).toInstant().equals(c.epoch())) {
      throw new IOException("the training run changed " + jar);
    }

    ElfGlibc.Version glibc = ElfGlibc.newestUnder(home.resolve("runtime"))
        .orElseThrow(() -> new IOException("no glibc symbol versions found in the runtime's ELF files"));
    String platform = ElfGlibc.platformTag(glibc, arch);
    String tag = "py3-none-" + platform;

    byte[] script = launcher(Files.readString(c.launcher(), StandardCharsets.UTF_8), c.epoch()).getBytes(StandardCharsets.UTF_8);
    Instant aotTime = c.epoch().plusSeconds(1);

    // pip writes data files in the wheel's order: the cache before the jar, so that a fresh install's
    // jar is the newer of the two (what the launcher looks for before it sets the jar's time back).
    List<Archive.Entry> lib = new ArrayList<>(Archive.tree(home.resolve("runtime"), "lib/coldstart/runtime/", c.epoch()));
    lib.add(new Archive.Entry("lib/coldstart/coldstart.aot", Files.readAllBytes(aot), 0644, aotTime));
    lib.add(new Archive.Entry("lib/coldstart/coldstart.jar", Files.readAllBytes(jar), 0644, c.epoch()));

    Files.createDirectories(c.out());
    try (Stream<Path> old = Files.list(c.out())) {
      for (Path p : (Iterable<Path>) old::iterator) {
        String n = p.getFileName().toString();
        if (n.startsWith(NAME + "-") && (n.endsWith(".whl") || n.endsWith(".tar.gz"))) {
          Files.delete(p);
        }
      }
    }

    String data = NAME + "-" + version + ".data/";
    String info = NAME + "-" + version + ".dist-info/";
    List<Archive.Entry> wheel = new ArrayList<>();
    wheel.add(new Archive.Entry(data + "scripts/coldstart", script, 0755, c.epoch()));
    for (Archive.Entry e : lib) {
      wheel.add(new Archive.Entry(data + "data/" + e.path(), e.data(), e.mode(), e.mtime()));
    }
    wheel.add(text(info + "METADATA", metadata(version), c.epoch()));
    wheel.add(text(info + "WHEEL", wheelFile(tag), c.epoch()));
    wheel.add(text(info + "RECORD", record(wheel, info + "RECORD"), c.epoch()));
    Path wheelFile = c.out().resolve(NAME + "-" + version + "-" + tag + ".whl");
    Archive.writeZip(wheelFile, wheel);
    t0 = step("wheel", t0);

    if (!c.tarball()) {
      deleteTree(work);
      return new Result(wheelFile, null, platform, modules);
    }
    String dir = NAME + "-" + version + "/";
    List<Archive.Entry> tar = new ArrayList<>();
    tar.add(new Archive.Entry(dir + "bin/coldstart", script, 0755, c.epoch()));
    for (Archive.Entry e : lib) {
      tar.add(new Archive.Entry(dir + e.path(), e.data(), e.mode(), e.mtime()));
    }
    Path tarball = c.out().resolve(NAME + "-" + version + "-linux-" + arch + ".tar.gz");
    Archive.writeTarGz(tarball, tar);
    step("tarball", t0);
    deleteTree(work);
    return new Result(wheelFile, tarball, platform, modules);
  }

  /** Says on stderr how long a step took (the build takes a minute or more on a loaded machine). */
  private static long step(String what, long since) {
    long now = System.nanoTime();
    System.err.printf("dist: %s %.1f s%n", what, (now - since) / 1e9);
    return now;
  }

  /**
   * The training run, with the launcher's flags: the JVM writes the cache when it exits. Its probe
   * cache goes to a scratch directory, not the builder's ~/.cache. It profiles {@code python3} when
   * there is one, so builds with and without a Python on PATH train different caches (both valid).
   */
  /** Where sqlite-jdbc keeps its native libraries, one directory per OS and architecture. */
  private static final String SQLITE_NATIVE = "org/sqlite/native/";

  /**
   * Copies the shaded jar, leaving out sqlite-jdbc's native libraries for every platform but this
   * wheel's (Linux on {@code arch}): the clone's jar keeps all of them (it runs anywhere), a wheel is
   * for one platform, and the others cost ~11 MB compressed.
   */
  static void copyForPlatform(Path from, Path to, String arch) throws IOException {
    String keep = SQLITE_NATIVE + "Linux/" + arch + "/";
    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(from));
        var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String n = e.getName();
        if (n.startsWith(SQLITE_NATIVE) && n.length() > SQLITE_NATIVE.length() && !n.startsWith(keep)
            && !(SQLITE_NATIVE + "Linux/").startsWith(n)) {
          continue;
        }
        var copy = new java.util.zip.ZipEntry(n);
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        in.transferTo(out);
        out.closeEntry();
      }
    }
  }

  private static void train(Path java, Path jar, Path aot, Path cache) throws IOException, InterruptedException {
    Processes.run(List.of(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:AOTCacheOutput=" + aot, "-jar", jar.toString(), "aot-train"), Map.of("COLDSTART_CACHE_DIR", cache.toString()));
    if (!Files.isRegularFile(aot)) {
      throw new IOException("the training run wrote no AOT cache at " + aot);
    }
    Files.setLastModifiedTime(aot, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(1)));
  }

  /** The launcher script with the jar's build time filled in (it sets the jar back to it). */
  static String launcher(String template, Instant epoch) {
    return template
        .replace("@@JAR_MTIME_UTC@@", DateTimeFormatter.ISO_INSTANT.format(epoch))
        .replace("@@JAR_MTIME_TOUCH@@", DateTimeFormatter.ofPattern("yyyyMMddHHmm.ss").withZone(ZoneOffset.UTC).format(epoch));
  }

  /** 0.1.0-SNAPSHOT is the development release 0.1.0.dev0 in PEP 440; 0.1.0 stays 0.1.0. */
  static String pep440(String maven) {
    String v = maven.endsWith("-SNAPSHOT") ? maven.substring(0, maven.length() - "-SNAPSHOT".length()) + ".dev0" : maven;
    if (!v.matches("\\d+(\\.\\d+)*(\\.dev0)?")) {
      throw new IllegalArgumentException("no PEP 440 form for the Maven version " + maven);
    }
    return v;
  }

  static String metadata(String version) {
    return "Metadata-Version: 2.1\n"
        + "Name: " + NAME + "\n"
        + "Version: " + version + "\n"
        + "Summary: " + SUMMARY + "\n"
        + "Description-Content-Type: text/markdown\n"
        + "\n"
        + "coldstart finds, explains, fixes and guards the start-up (import) cost of Python programs.\n"
        + "This wheel carries its own Java runtime: `pip install` it and run `coldstart`; no JDK,\n"
        + "JAVA_HOME or Python package is needed, and it drives whichever Python interpreter you point\n"
        + "it at (3.7 and newer).\n";
  }

  static String wheelFile(String tag) {
    StringBuilder sb = new StringBuilder("Wheel-Version: 1.0\nGenerator: coldstart DistBuild\nRoot-Is-Purelib: false\n");
    // a compressed tag set names one Tag line per platform (PEP 425)
    String[] parts = tag.split("-");
    for (String platform : parts[2].split("\\.")) {
      sb.append("Tag: ").append(parts[0]).append('-').append(parts[1]).append('-').append(platform).append('\n');
    }
    return sb.toString();
  }

  /** RECORD (PEP 376 and 427): every file with its urlsafe-base64 sha256 and size; itself without. */
  static String record(List<Archive.Entry> entries, String self) {
    StringBuilder sb = new StringBuilder();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    for (Archive.Entry e : entries) {
      if (e.path().contains(",") || e.path().contains("\"")) {
        throw new IllegalArgumentException("a RECORD path this writer does not quote: " + e.path());
      }
      sb.append(e.path()).append(",sha256=").append(b64.encodeToString(sha256(e.data()))).append(',')
          .append(e.data().length).append('\n');
    }
    return sb.append(self).append(",,\n").toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Archive.Entry text(String path, String s, Instant t) {
    return new Archive.Entry(path, s.getBytes(StandardCharsets.UTF_8), 0644, t);
  }

  private static String releaseValue(Path jdk, String key) throws IOException {
    for (String line : Files.readAllLines(jdk.resolve("release"), StandardCharsets.UTF_8)) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1).replace("\"", "");
      }
    }
    throw new IOException(jdk.resolve("release") + " names no " + key);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
