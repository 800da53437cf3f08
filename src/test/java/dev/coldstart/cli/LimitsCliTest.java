package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** profile under --cpu, --memory, --cold-cache and --no-bytecode-cache, with real interpreters and cgroups. */
class LimitsCliTest {
  @TempDir Path dir;

  private static void assumeCgroupsWritable() {
    assumeTrue(Files.isWritable(Path.of("/sys/fs/cgroup/cpu")), "/sys/fs/cgroup/cpu is not writable here");
  }

  private static JsonNode json(CliRun r) {
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static double selfMedian(JsonNode profile, String module) {
    for (JsonNode m : profile.path("modules")) {
      if (m.path("name").asString().equals(module)) {
        return m.path("selfMs").path("median").asDouble();
      }
    }
    throw new AssertionError("no module " + module + " in the profile");
  }

  private static double importMedian(JsonNode profile) {
    return profile.path("importMs").path("median").asDouble();
  }

  @Test
  void cpuLimitOfTenPercentMakesACpuBoundImportTenTimesSlower() throws Exception {
    assumeCgroupsWritable();
    Path py = Pythons.require("3.11");
    // Spins on CPU time, so the work is the same whatever else the machine does.
    Files.writeString(
        dir.resolve("spin.py"),
        "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.1:\n    pass\n");
    String code = "import sys; sys.path.insert(0, " + "'" + dir + "'" + "); import spin";
    JsonNode free = json(CliRun.of("profile", "--python", py.toString(), "-c", code, "--runs", "5", "--no-bare", "--format", "json"));
    JsonNode limited =
        json(CliRun.of("profile", "--python", py.toString(), "-c", code, "--runs", "5", "--no-bare", "--format", "json", "--cpu", "10"));
    double limitedMs = selfMedian(limited, "spin");
    double freeMs = selfMedian(free, "spin");
    // The module burns 100 ms of CPU: at 10 % of a core that is ~1 s of wall time.
    assertThat(limitedMs / 100).as("limited %s ms per 100 ms of CPU", limitedMs).isBetween(8.0, 12.0);
    if (freeMs < 125) {
      // An idle machine gives the unconstrained run a whole core: the ratio of the medians holds.
      assertThat(limitedMs / freeMs).as("limited %s ms / free %s ms", limitedMs, freeMs).isBetween(8.0, 12.0);
    } else {
      // Other processes slowed the unconstrained run (it got less than a core); the limit still dominates.
      assertThat(limitedMs).as("limited %s ms vs free %s ms", limitedMs, freeMs).isGreaterThan(2 * freeMs);
    }
    assertThat(limited.path("constraints").toString()).contains("cpu=10%");
    assertThat(limited.path("notes").toString()).contains("cgroup");
    assertNoGroupLeft();
  }

  @Test
  void memoryLimitKillIsReportedWithExitThree() {
    assumeCgroupsWritable();
    Path py = Pythons.require("3.11");
    CliRun r =
        CliRun.of("profile", "--python", py.toString(), "-c", "b = b'x' * (300 << 20)", "--runs", "2", "--memory", "128M");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("killed by the memory limit (128M)");
    assertNoGroupLeft();
  }

  @Test
  void memoryLimitThatFitsMeasuresNormallyAndShowsTheConstraint() {
    assumeCgroupsWritable();
    Path py = Pythons.require("3.11");
    CliRun r = CliRun.of("profile", "--python", py.toString(), "json", "--runs", "2", "--memory", "256M", "--cpu", "50%");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("cpu=50%").contains("memory=256M");
  }

  @Test
  void noBytecodeCacheShowsTheCompileCost() {
    Path py = Pythons.require("3.11");
    String code = "import asyncio, email.mime.multipart, http.client, xml.dom.minidom, unittest";
    JsonNode cached = json(CliRun.of("profile", "--python", py.toString(), "-c", code, "--runs", "3", "--format", "json"));
    JsonNode compiled =
        json(CliRun.of("profile", "--python", py.toString(), "-c", code, "--runs", "3", "--format", "json", "--no-bytecode-cache"));
    assertThat(importMedian(compiled)).isGreaterThan(1.3 * importMedian(cached));
    assertThat(compiled.path("constraints").toString()).contains("no-bytecode-cache");
    assertThat(compiled.path("notes").toString()).contains("pycache_prefix");
  }

  @Test
  void noBytecodeCacheIsRefusedOnPython37() {
    Path py = Pythons.require("3.7");
    CliRun r = CliRun.of("profile", "--python", py.toString(), "json", "--no-bytecode-cache");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("3.8");
  }

  @Test
  void coldCacheReportsEvictedBytes() {
    Path py = Pythons.require("3.11");
    JsonNode p =
        json(CliRun.of("profile", "--python", py.toString(), "email.mime.multipart", "--runs", "2", "--format", "json", "--cold-cache"));
    assertThat(p.path("constraints").toString()).contains("cold-cache");
    String note = p.path("notes").toString();
    assertThat(note).containsPattern("cold cache: before each run \\d+ files");
    assertThat(note).doesNotContain("per run (median) 0.0 MB evicted");
  }

  @Test
  void limitsAreRefusedForALog() {
    CliRun r = CliRun.of("profile", "--log", "-", "--cpu", "10");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("need a target to run");
  }

  @Test
  void badLimitValuesAreUsageErrors() {
    assertThat(CliRun.of("profile", "json", "--memory", "lots").exit()).isEqualTo(2);
    assertThat(CliRun.of("profile", "json", "--cpu", "-5").exit()).isEqualTo(2);
    assertThat(CliRun.of("profile", "json", "--cpu", "0.5").err()).contains("1%");
  }

  /** No group of this JVM is left behind in the cpu or memory hierarchy. */
  private static void assertNoGroupLeft() {
    String mine = "coldstart-" + ProcessHandle.current().pid() + "-";
    for (String root : List.of("/sys/fs/cgroup/cpu", "/sys/fs/cgroup/memory")) {
      try (var s = Files.walk(Path.of(root), 3)) {
        assertThat(s.filter(p -> p.getFileName().toString().startsWith(mine)).toList()).isEmpty();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
