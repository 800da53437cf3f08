package dev.coldstart.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher (src/dist/coldstart) run against an installed layout whose "java" is a
 * script that prints the arguments it got: the flags, the AOT cache, the jar's time set back.
 */
class WheelLauncherTest {
  private static final Instant EPOCH = DistBuild.DEFAULT_EPOCH;

  @Test
  void passesTheCloneLaunchersJvmFlags() throws IOException {
    String clone = Files.readString(Path.of("coldstart"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(?m)^flags=\\((.*)\\)$").matcher(clone);
    assertThat(m.find()).as("./coldstart's flags=(...) line").isTrue();
    String installed = Files.readString(Path.of("src/dist/coldstart"), StandardCharsets.UTF_8);
    List<String> execs = List.of(installed.split("\n *exec ")).subList(1, 3);
    for (String flag : m.group(1).split(" ")) {
      assertThat(execs).as("both exec lines of src/dist/coldstart have " + flag).allMatch(line -> line.contains(flag));
    }
  }

  @Test
  void runsTheBundledJavaWithTheCacheThroughASymlinkAndSetsTheJarTimeBack(@TempDir Path tmp) throws Exception {
    Path prefix = install(tmp.resolve("venv"));
    Path link = Files.createSymbolicLink(tmp.resolve("coldstart"), prefix.resolve("bin/coldstart"));
    Path lib = prefix.resolve("lib/coldstart").toRealPath();
    // as pip leaves it: the jar written after the cache
    Files.setLastModifiedTime(lib.resolve("coldstart.jar"), FileTime.from(Instant.now().plusSeconds(5)));

    Run r = run(List.of(link.toString(), "lint", "a b"), Map.of());

    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:AOTCache=" + lib.resolve("coldstart.aot"), "-Xlog:aot=off", "-Xlog:cds=off",
        "-jar", lib.resolve("coldstart.jar").toString(), "lint", "a b");
    assertThat(Files.getLastModifiedTime(lib.resolve("coldstart.jar")).toInstant()).isEqualTo(EPOCH);
  }

  @Test
  void withoutTheCacheOrWithCOLDSTART_AOT0RunsPlain(@TempDir Path tmp) throws Exception {
    Path prefix = install(tmp);
    Path lib = prefix.resolve("lib/coldstart").toRealPath();
    List<String> plain = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", lib.resolve("coldstart.jar").toString(), "--version");

    assertThat(run(List.of(prefix.resolve("bin/coldstart").toString(), "--version"), Map.of("COLDSTART_AOT", "0")).out().lines())
        .containsExactlyElementsOf(plain);
    Files.delete(lib.resolve("coldstart.aot"));
    assertThat(run(List.of(prefix.resolve("bin/coldstart").toString(), "--version"), Map.of()).out().lines())
        .containsExactlyElementsOf(plain);
  }

  @Test
  void passesTheExitCodeThrough(@TempDir Path tmp) throws Exception {
    Path prefix = install(tmp);
    Files.writeString(prefix.resolve("lib/coldstart/runtime/bin/java"), "#!/bin/sh\nexit 3\n");
    assertThat(run(List.of(prefix.resolve("bin/coldstart").toString()), Map.of()).exit()).isEqualTo(3);
  }

  @Test
  void aMissingRuntimeIsAOneLineUsageError(@TempDir Path tmp) throws Exception {
    Path prefix = install(tmp);
    DistBuild.deleteTree(prefix.resolve("lib"));
    Run r = run(List.of(prefix.resolve("bin/coldstart").toString(), "--version"), Map.of());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("coldstart: the bundled runtime is missing").doesNotContain("\n");
  }

  /** PREFIX/bin/coldstart and PREFIX/lib/coldstart as pip lays them out, with a "java" that echoes. */
  private static Path install(Path prefix) throws IOException {
    Path bin = Files.createDirectories(prefix.resolve("bin"));
    Path lib = Files.createDirectories(prefix.resolve("lib/coldstart/runtime/bin"));
    Files.writeString(bin.resolve("coldstart"),
        DistBuild.launcher(Files.readString(Path.of("src/dist/coldstart"), StandardCharsets.UTF_8), EPOCH));
    Files.writeString(lib.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    for (Path x : List.of(bin.resolve("coldstart"), lib.resolve("java"))) {
      Files.setPosixFilePermissions(x, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(prefix.resolve("lib/coldstart/coldstart.aot"), "cache");
    Files.writeString(prefix.resolve("lib/coldstart/coldstart.jar"), "jar");
    return prefix;
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
    pb.environment().remove("COLDSTART_AOT");
    pb.environment().putAll(env);
    Process p = pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }
}
