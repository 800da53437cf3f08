package dev.coldstart.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe cache with real interpreters: a hit is the same answer as a probe, and every change the
 * answer depends on makes {@link Interpreters#find} probe again ({@code Found.probed()}).
 */
class ProbeCacheTest {
  @TempDir Path tmp;
  private Path cache;
  private Path python;

  @BeforeEach
  void setUp() {
    cache = tmp.resolve("cache");
    python = Pythons.require("3.11");
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(CacheRoot.VARIABLE, cache.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Interpreters.Found find(Path exe, Map<String, String> env) {
    return Interpreters.find(exe.toString(), env);
  }

  /** Waits until what a test just changed is older than the cache's racy window. */
  private static void settle() throws InterruptedException {
    Thread.sleep(ProbeCache.RACY_MILLIS + 50);
  }

  private List<Path> cacheFiles() throws IOException {
    Path dir = cache.resolve("interpreters");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private Path venv(String... options) throws Exception {
    Path dir = tmp.resolve("venv");
    List<String> cmd = new java.util.ArrayList<>(List.of(python.toString(), "-m", "venv", "--without-pip"));
    cmd.addAll(List.of(options));
    cmd.add(dir.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return dir;
  }

  @Test
  void cachedOnlyAnswersFromTheCacheAndNeverRunsAnything() throws Exception {
    // An "interpreter" that would leave a mark if it were run.
    Path mark = tmp.resolve("ran");
    Path fake = tmp.resolve("fake-python");
    Files.writeString(fake, "#!/bin/sh\ntouch " + mark + "\n");
    fake.toFile().setExecutable(true);
    assertThat(Interpreters.cachedOnly(fake.toString(), env())).isNull();
    assertThat(Interpreters.cachedOnly("/no/such/python", env())).isNull();
    assertThat(Interpreters.cachedOnly(python.toString(), env())).isNull(); // not probed yet
    assertThat(mark).doesNotExist();
    assertThat(cacheFiles()).isEmpty();

    Interpreter probed = find(python, env()).interpreter();
    assertThat(Interpreters.cachedOnly(python.toString(), env())).isEqualTo(probed);
    assertThat(Interpreters.cachedOnly(python.toString(), env(CacheRoot.VARIABLE, "off"))).isNull();
  }

  @Test
  void aHitIsTheSameInterpreterAsAFreshProbe() {
    Interpreters.Found first = find(python, env());
    Interpreters.Found second = find(python, env());
    Interpreters.Found fresh = find(python, env(CacheRoot.VARIABLE, "off"));
    assertThat(first.probed()).isTrue();
    assertThat(second.probed()).isFalse();
    assertThat(fresh.probed()).isTrue();
    assertThat(second.interpreter()).isEqualTo(first.interpreter()).isEqualTo(fresh.interpreter());
    assertThat(Interpreters.probe(python)).isEqualTo(fresh.interpreter());
  }

  @Test
  void aNewerExecutableIsProbedAgain() throws Exception {
    Path exe = venv("--copies").resolve("bin/python3");
    settle();
    assertThat(find(exe, env()).probed()).isTrue();
    assertThat(find(exe, env()).probed()).isFalse();
    Files.setLastModifiedTime(exe, FileTime.from(System.currentTimeMillis() - 60_000, TimeUnit.MILLISECONDS));
    assertThat(find(exe, env()).probed()).isTrue();
    assertThat(find(exe, env()).probed()).isFalse();
  }

  @Test
  void anotherPythonpathIsProbedAgain() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    settle();
    Interpreters.Found withA = find(python, env("PYTHONPATH", a.toString()));
    assertThat(withA.probed()).isTrue();
    assertThat(withA.interpreter().sysPath()).contains(a.toString());
    assertThat(find(python, env("PYTHONPATH", a.toString())).probed()).isFalse();
    Interpreters.Found withB = find(python, env("PYTHONPATH", b.toString()));
    assertThat(withB.probed()).isTrue();
    assertThat(withB.interpreter().sysPath()).contains(b.toString()).doesNotContain(a.toString());
    Interpreters.Found without = find(python, env());
    assertThat(without.interpreter().sysPath()).doesNotContain(a.toString(), b.toString());
  }

  @Test
  void aChangeInASysPathDirectoryIsProbedAgain() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("site"));
    settle();
    Map<String, String> env = env("PYTHONPATH", site.toString());
    assertThat(find(python, env).probed()).isTrue();
    assertThat(find(python, env).probed()).isFalse();
    Files.writeString(site.resolve("newmodule.py"), "x = 1\n");
    assertThat(find(python, env).probed()).isTrue();
  }

  @Test
  void aPthFileEditedInPlaceIsProbedAgain() throws Exception {
    Path venv = venv();
    Path exe = venv.resolve("bin/python");
    Path sitePackages;
    try (Stream<Path> s = Files.list(venv.resolve("lib"))) {
      sitePackages = s.findFirst().orElseThrow().resolve("site-packages");
    }
    Path first = Files.createDirectories(tmp.resolve("first"));
    Path second = Files.createDirectories(tmp.resolve("second"));
    Path pth = sitePackages.resolve("extra.pth");
    Files.writeString(pth, first + "\n");
    settle();
    Interpreters.Found before = find(exe, env());
    assertThat(before.probed()).isTrue();
    assertThat(before.interpreter().sysPath()).contains(first.toString());
    assertThat(find(exe, env()).probed()).isFalse();
    // Same file, same directory entries: only the file's own stamp changes.
    long dirMtime = Files.getLastModifiedTime(sitePackages).toMillis();
    Files.writeString(pth, second + "\n");
    assertThat(Files.getLastModifiedTime(sitePackages).toMillis()).isEqualTo(dirMtime);
    Interpreters.Found after = find(exe, env());
    assertThat(after.probed()).isTrue();
    assertThat(after.interpreter().sysPath()).contains(second.toString()).doesNotContain(first.toString());
  }

  @Test
  void aVenvLinkAndItsTargetAreCachedApart() throws Exception {
    Path venv = venv();
    Path link = venv.resolve("bin/python");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    settle();
    Interpreter viaLink = find(link, env()).interpreter();
    Interpreter target = find(python, env()).interpreter();
    assertThat(viaLink.prefix()).isEqualTo(venv.toString());
    assertThat(target.prefix()).isNotEqualTo(venv.toString());
    Interpreters.Found again = find(link, env());
    assertThat(again.probed()).isFalse();
    assertThat(again.interpreter()).isEqualTo(viaLink);
    assertThat(find(python, env()).interpreter()).isEqualTo(target);
  }

  @Test
  void aShimScriptIsNeverCached() throws Exception {
    Path shim = tmp.resolve("python3");
    Files.writeString(shim, "#!/bin/bash\nexec " + python + " \"$@\"\n");
    shim.toFile().setExecutable(true);
    settle();
    Interpreters.Found first = find(shim, env());
    Interpreters.Found second = find(shim, env());
    assertThat(first.probed()).isTrue();
    assertThat(second.probed()).isTrue();
    assertThat(second.interpreter().executable().toString()).isNotEqualTo(shim.toString());
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void aCorruptOrTruncatedFileIsIgnoredAndRewritten() throws Exception {
    assertThat(find(python, env()).probed()).isTrue();
    List<Path> files = cacheFiles();
    assertThat(files).hasSize(1);
    Path file = files.get(0);
    String whole = Files.readString(file);

    Files.writeString(file, whole.substring(0, whole.length() / 2));
    assertThat(find(python, env()).probed()).isTrue();
    assertThat(Files.readString(file)).isEqualTo(whole);

    // Cut exactly at a line end: still not a whole answer.
    Files.writeString(file, whole.substring(0, whole.lastIndexOf("\nend=") + 1));
    assertThat(find(python, env()).probed()).isTrue();
    assertThat(Files.readString(file)).isEqualTo(whole);

    Files.write(file, new byte[] {0, (byte) 0xff, '=', '\\', 'q', '\n'});
    assertThat(find(python, env()).probed()).isTrue();
    assertThat(Files.readString(file)).isEqualTo(whole);
    assertThat(find(python, env()).probed()).isFalse();
  }

  @Test
  void offWritesNothing() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<String, String> env =
        env(CacheRoot.VARIABLE, "off", "HOME", home.toString(), "XDG_CACHE_HOME", tmp.resolve("xdg").toString());
    assertThat(find(python, env).probed()).isTrue();
    assertThat(find(python, env).probed()).isTrue();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("home");
    }
    try (Stream<Path> s = Files.list(home)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void anUnusableCacheDirectoryOnlyMeansProbing() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    Map<String, String> env = env(CacheRoot.VARIABLE, notADirectory.toString());
    Interpreters.Found first = find(python, env);
    assertThat(first.probed()).isTrue();
    assertThat(find(python, env).probed()).isTrue();
    assertThat(first.interpreter().version()).startsWith("3.11.");
    assertThat(Files.readString(notADirectory)).isEqualTo("x");
  }

  @Test
  void theOldestFilesGoPastTheLimit() throws Exception {
    Path dir = Files.createDirectories(cache.resolve("interpreters"));
    int stale = ProbeCache.MAX_FILES + 10;
    for (int i = 0; i < stale; i++) {
      Path f = Files.writeString(dir.resolve("stale" + i + ".probe"), "cache=old\n");
      Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    assertThat(find(python, env()).probed()).isTrue();
    List<Path> left = cacheFiles();
    assertThat(left).hasSizeLessThanOrEqualTo(ProbeCache.MAX_FILES).noneMatch(f -> f.endsWith("stale0.probe"));
    assertThat(left).anyMatch(f -> f.endsWith("stale" + (stale - 1) + ".probe"));
    assertThat(find(python, env()).probed()).isFalse();
  }

  @Test
  void theLocationFollowsColdstartThenXdgThenHome() {
    assertThat(ProbeCache.of(Map.of(CacheRoot.VARIABLE, "/c", "XDG_CACHE_HOME", "/x", "HOME", "/h")).directory())
        .isEqualTo(Path.of("/c/interpreters"));
    assertThat(ProbeCache.of(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")).directory())
        .isEqualTo(Path.of("/x/coldstart/interpreters"));
    assertThat(ProbeCache.of(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")).directory())
        .isEqualTo(Path.of("/h/.cache/coldstart/interpreters"));
    assertThat(ProbeCache.of(Map.of(CacheRoot.VARIABLE, "off", "HOME", "/h")).enabled()).isFalse();
    assertThat(ProbeCache.of(Map.of()).enabled()).isFalse();
  }

  @Test
  void anEditedSitecustomizeIsProbedAgainAndItsOutputIsSkipped() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("custom"));
    Path extra = tmp.resolve("extra");
    Path custom = site.resolve("sitecustomize.py");
    Files.writeString(custom, "print('hello from sitecustomize')\n");
    settle();
    Map<String, String> env = env("PYTHONPATH", site.toString());
    Interpreters.Found before = find(python, env);
    assertThat(before.probed()).isTrue();
    assertThat(before.interpreter().sysPath()).doesNotContain(extra.toString());
    assertThat(find(python, env).probed()).isFalse();
    // Rewritten in place within the same second: the directory keeps its entries.
    Files.writeString(custom, "import sys; sys.path.append(" + pyString(extra.toString()) + ")\n");
    Interpreters.Found after = find(python, env);
    assertThat(after.probed()).isTrue();
    assertThat(after.interpreter().sysPath()).contains(extra.toString());
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
