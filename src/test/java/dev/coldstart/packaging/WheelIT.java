package dev.coldstart.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wheel as a user gets it: built from the packaged jar (or taken from target/dist when
 * {@code -Pdist} built it in the same run), installed with {@code pip install --no-index} into a
 * fresh venv, run with no {@code java} on PATH and no JAVA_HOME, then uninstalled without a trace.
 * Runs in {@code verify} (failsafe), after {@code package}. Measured on 2 cores under a load average
 * of ~24: 87 s with target/dist's wheel; building it adds ~90 s (jdeps, jlink, the AOT training
 * run, compressing ~105 MB). An idle machine needs a fraction of that.
 *
 * <p>Needs a JDK 25+ (the one running the build, or -Dcoldstart.dist.jdk) and a python3 with venv
 * and ensurepip; without them it skips, except under CI, where it fails.
 */
class WheelIT {
  private static final Path JAR = Path.of(System.getProperty("coldstart.jar", "target/coldstart.jar"));
  private static final Path DIST = Path.of(System.getProperty("coldstart.dist.dir", "target/dist"));

  @Test
  void installsWithPipRunsWithoutAJdkAndUninstallsCleanly(@TempDir Path tmp) throws Exception {
    assertThat(JAR).as("the packaged jar (mvn package)").isRegularFile();
    Path jdk = Path.of(System.getProperty("coldstart.dist.jdk", System.getProperty("java.home")));
    need(RuntimeImage.feature(jdk) >= 25, "the wheel is built with a JDK 25+; " + jdk + " is older");
    // The real interpreter behind python3 (pyenv's shim needs the environment the test clears)
    Result which = run(List.of("python3", "-c", "import sys; print(sys.executable)"), null, 60);
    need(which.exit() == 0, "no python3 on PATH");
    Path python3 = Path.of(which.out().strip());

    Path venv = tmp.resolve("venv");
    Result made = run(List.of(python3.toString(), "-m", "venv", venv.toString()), Map.of("PATH", "/usr/bin:/bin"), 120);
    need(made.exit() == 0, "python3 -m venv failed (Debian: apt-get install python3-venv): " + made.err());
    Path wheel = wheel(jdk, tmp.resolve("dist"));
    Set<String> before = files(venv);

    Map<String, String> pipEnv = Map.of("PATH", venv.resolve("bin") + ":/usr/bin:/bin", "HOME", tmp.toString(),
        "PIP_DISABLE_PIP_VERSION_CHECK", "1", "PYTHONDONTWRITEBYTECODE", "1");
    Path py = venv.resolve("bin/python");
    ok(run(List.of(py.toString(), "-m", "pip", "install", "--no-index", "--no-deps", wheel.toString()), pipEnv, 300));
    ok(run(List.of(py.toString(), "-m", "pip", "check"), pipEnv, 120));

    // PATH: the venv (coldstart, and python3 for the demo) and the two tools the launcher may use;
    // no java anywhere, no JAVA_HOME.
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String t : List.of("touch", "readlink")) {
      Files.createSymbolicLink(tools.resolve(t), onPath(t).orElseThrow());
    }
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<String, String> user = Map.of("PATH", venv.resolve("bin") + ":" + tools, "HOME", home.toString(),
        "PYTHONDONTWRITEBYTECODE", "1");
    assertThat(run(List.of("/bin/sh", "-c", "command -v java"), user, 30).exit()).as("java on the test's PATH").isNotZero();

    String coldstart = venv.resolve("bin/coldstart").toString();
    Result version = run(List.of(coldstart, "--version"), user, 60);
    ok(version);
    assertThat(version.out()).startsWith("coldstart " + System.getProperty("project.version", ""));
    Result demo = run(List.of(coldstart, "demo", "--runs", "3"), user, 300);
    ok(demo);
    assertThat(demo.out()).contains("fleet");
    // The wheel's jar keeps only this platform's SQLite native library: the store still works.
    String store = tmp.resolve("history.db").toString();
    ok(run(List.of(coldstart, "record", "-c", "import json", "--runs", "2", "--store", store), user, 120));
    Result history = run(List.of(coldstart, "history", "--store", store, "--format", "json"), user, 60);
    ok(history);
    assertThat(history.out()).contains("\"coldstart.history/1\"", "import json");
    Result bad = run(List.of(coldstart, "no-such-verb"), user, 60);
    assertThat(bad.exit()).as("usage error, as ./coldstart").isEqualTo(2);
    assertThat(bad.err()).contains("no-such-verb").doesNotContain("Exception");
    assertThat(home.resolve(".cache/coldstart")).as("the same cache directory as ./coldstart").isDirectory();

    // The launcher set the jar's time back to the build's, so the JVM takes the shipped AOT cache.
    Path lib = venv.resolve("lib/coldstart");
    Result aot = run(List.of(lib.resolve("runtime/bin/java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:AOTCache=" + lib.resolve("coldstart.aot").toRealPath(), "-Xlog:aot", "-jar",
        lib.resolve("coldstart.jar").toRealPath().toString(), "--version"), user, 60);
    ok(aot);
    assertThat(aot.out()).contains("Using AOT-linked classes: true");

    ok(run(List.of(py.toString(), "-m", "pip", "uninstall", "-y", "coldstart"), pipEnv, 120));
    assertThat(files(venv)).as("the venv after uninstall").isEqualTo(before);
  }

  /** target/dist's wheel when -Pdist built it from this jar, else one built now into {@code out}. */
  private static Path wheel(Path jdk, Path out) throws IOException, InterruptedException {
    if (Files.isDirectory(DIST)) {
      try (Stream<Path> s = Files.list(DIST)) {
        Optional<Path> built = s.filter(p -> p.getFileName().toString().endsWith(".whl")).findFirst();
        if (built.isPresent() && Files.getLastModifiedTime(built.get()).compareTo(Files.getLastModifiedTime(JAR)) > 0) {
          return built.get();
        }
      }
    }
    return DistBuild.build(new DistBuild.Config(JAR, jdk, Path.of("src/dist/coldstart"), out,
        System.getProperty("project.version", "0.1.0-SNAPSHOT"), DistBuild.DEFAULT_EPOCH, false)).wheel();
  }

  private static void need(boolean ok, String why) {
    if (!ok && System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
      fail(why + " (required under CI)");
    }
    assumeTrue(ok, why);
  }

  private record Result(int exit, String out, String err) {}

  private static void ok(Result r) {
    assertThat(r.exit()).as("exit code; stdout:\n" + r.out() + "\nstderr:\n" + r.err()).isZero();
  }

  /** Runs {@code cmd} with exactly {@code env} (nothing inherited), or the test's own when null. */
  private static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("wheel-it", ".out");
    Path err = Files.createTempFile("wheel-it", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      if (env != null) {
        pb.environment().clear();
        pb.environment().putAll(env);
      }
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("timed out after " + timeoutSeconds + " s: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Every path under {@code dir}, relative, directories included. */
  private static Set<String> files(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.forEach(p -> out.add(dir.relativize(p).toString()));
    }
    return out;
  }
}
