package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl-C as a user sends it: SIGINT to a real coldstart JVM in the middle of a profile. */
class InterruptTest {
  @org.junit.jupiter.api.io.TempDir Path tmp;

  @Test
  void ctrlCKeepsAndPrintsWhatWasMeasured() throws Exception {
    Path py = Pythons.python3();
    Path events = tmp.resolve("events.jsonl");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    javaBin,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.coldstart.cli.Main",
                    "profile",
                    "-c",
                    "import json, time; time.sleep(0.2)",
                    "--runs",
                    "200",
                    "--warmup",
                    "0",
                    "--python",
                    py.toString(),
                    "--events",
                    events.toString()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    Thread o = Thread.ofPlatform().start(() -> copy(p.getInputStream(), out));
    Thread e = Thread.ofPlatform().start(() -> copy(p.getErrorStream(), err));
    // Wait until measured runs have finished (the event log says so), then press Ctrl-C.
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && finishedTargetRuns(events) < 2) {
      Thread.sleep(100);
    }
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    o.join();
    e.join();
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stderr).isEqualTo(130);
    assertThat(stdout).contains("STOPPED EARLY: interrupted").contains("coldstart profile:").contains("json");
    assertThat(stderr).contains("interrupted").doesNotContain("\tat ");
    // The event log is complete: every finished run is there, and it ends with the Done event.
    List<String> lines = java.nio.file.Files.readAllLines(events);
    long finishedTargets = lines.stream().filter(l -> l.contains("\"run_finished\"")).filter(l -> l.contains("\"target\"")).count();
    assertThat(finishedTargets).isGreaterThanOrEqualTo(1);
    assertThat(lines.get(lines.size() - 1)).containsIgnoringCase("done").contains("interrupted");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("STOPPED EARLY: interrupted \\((\\d+) runs kept\\)").matcher(stdout);
    assertThat(m.find()).isTrue();
    assertThat(finishedTargets).isEqualTo(Long.parseLong(m.group(1)));
  }

  private static long finishedTargetRuns(Path events) throws java.io.IOException {
    if (!java.nio.file.Files.exists(events)) {
      return 0;
    }
    return java.nio.file.Files.readAllLines(events).stream()
        .filter(l -> l.contains("\"run_finished\"") && l.contains("\"target\""))
        .count();
  }

  private static void copy(java.io.InputStream in, java.io.OutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (java.io.IOException ignored) {
      // The process ended.
    }
  }
}
