package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during an audit, as a user sends it (SIGINT to a real coldstart JVM): the verdicts reached
 * before it are printed, and the exit status is 130.
 */
class AuditInterruptTest {
  @TempDir Path tmp;

  @Test
  void ctrlCKeepsEveryFinishedVerdict() throws Exception {
    Path py = Pythons.require("3.11");
    Path fleet = Path.of(AuditInterruptTest.class.getResource("/dev/coldstart/demo/fleet").toURI());
    Path project = Files.createDirectories(tmp.resolve("project/fleet"));
    try (Stream<Path> files = Files.list(fleet)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".py")).toList()) {
        Files.copy(f, project.resolve(f.getFileName()));
      }
    }
    // The first candidate is unsafe at once (its output changes); the second is timed, slowly.
    Path server = project.resolve("server.py");
    Files.writeString(server, "print('server loaded')\n" + Files.readString(server));
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    String code = "import sys, time; sys.path.insert(0, '" + project.getParent() + "')\nimport fleet.version\ntime.sleep(0.2)";
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(javaBin, "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"),
            "dev.coldstart.cli.Main", "audit", "-c", code, "--python", py.toString(), "--profile-runs", "1",
            "--candidate", "fleet:fleet.server", "--candidate", "fleet:fleet.protocols", "--runs", "200"))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    Thread o = Thread.ofPlatform().start(() -> copy(p.getInputStream(), out));
    Thread e = Thread.ofPlatform().start(() -> copy(p.getErrorStream(), err));
    // The second candidate's hook report appears once the first verdict is reached.
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline && !secondCandidateStarted(scratch)) {
      Thread.sleep(100);
    }
    Thread.sleep(1500); // into its timed pairs
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    o.join();
    e.join();
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stderr).isEqualTo(130);
    assertThat(stdout).contains("unsafe        -", "fleet:fleet.server", "1 of 2 candidates audited", "(stopped: interrupted)");
    assertThat(stderr).contains("interrupted: 1 of 2 candidates audited").doesNotContain("\tat ");
  }

  private static boolean secondCandidateStarted(Path scratch) throws IOException {
    try (Stream<Path> s = Files.walk(scratch)) {
      return s.anyMatch(f -> f.getFileName().toString().equals("hook-report-2.jsonl"));
    } catch (java.io.UncheckedIOException e) {
      return false; // a file vanished while walking
    }
  }

  private static void copy(java.io.InputStream in, java.io.OutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended
    }
  }
}
