package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.demo.DemoProject;
import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * check under production limits ([tool.coldstart] cpu, memory, cold-cache, bytecode-cache and the
 * same options on the command line), with real interpreters and real cgroups. Tests that need
 * cgroups skip when /sys/fs/cgroup/cpu is not writable (not root, no cgroup v1), except under CI.
 */
class CheckLimitsTest {
  @TempDir Path dir;

  private static void assumeCgroupsWritable() {
    boolean writable = Files.isWritable(Path.of("/sys/fs/cgroup/cpu")) && Files.isWritable(Path.of("/sys/fs/cgroup/memory"));
    if (!writable && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run these tests with writable cgroup v1 cpu and memory hierarchies");
    }
    assumeTrue(writable, "/sys/fs/cgroup/cpu and /sys/fs/cgroup/memory are not writable here");
  }

  private static JsonNode json(CliRun r) {
    return new ObjectMapper().readTree(r.out());
  }

  private static JsonNode result(JsonNode report, String check) {
    for (JsonNode n : report.path("results")) {
      if (n.path("check").asString().equals(check)) {
        return n;
      }
    }
    throw new AssertionError("no " + check + " result in " + report);
  }

  private Path config(String toml) throws IOException {
    Path f = dir.resolve("pyproject.toml");
    Files.writeString(f, toml);
    return f;
  }

  /** Median CPU milliseconds `import fleet.version` costs in the sample project, measured by Python itself. */
  private double demoImportCpuMs(Path py) throws Exception {
    double[] ms = new double[3];
    for (int i = 0; i < ms.length; i++) {
      Process p = new ProcessBuilder(py.toString(), "-c",
          "import time; t = time.process_time(); import fleet.version; print((time.process_time() - t) * 1000)")
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      ms[i] = Double.parseDouble(out);
    }
    Arrays.sort(ms);
    return ms[1];
  }

  /**
   * The done-criterion of per-entry limits: the sample project's `import fleet.version` meets a
   * budget of 6x its CPU cost unconstrained (given a sixth of a core or more), and cannot meet it
   * at cpu = 10 (a hard cap: wall time is at least 10x the CPU time; other processes only add to
   * it, and the margin leaves room for the spread they cause on a loaded machine).
   */
  @Test
  void aBudgetTheDemoMeetsFreelyFailsAtTenPercentCpuWithTheLimitNamed() throws Exception {
    assumeCgroupsWritable();
    Path py = Pythons.require("3.11");
    DemoProject.unpack(dir);
    double cpuMs = demoImportCpuMs(py);
    long budget = Math.round(6 * cpuMs);
    Path cfg = config("""
        [tool.coldstart]
        runs = 10

        [[tool.coldstart.entry]]
        name = "version"
        target = "fleet.version"
        budget-ms = %d
        cpu = 10
        """.formatted(budget));

    CliRun limited = CliRun.of("check", "--config", cfg.toString(), "--python", py.toString());
    assertThat(limited.exit()).as(limited.out() + limited.err()).isEqualTo(1);
    assertThat(limited.out()).contains("FAIL         version: budget-ms: under cpu=10%: ")
        .contains("over the budget of " + budget + " ms");
    // Every format names the limits (CheckLimitsRenderTest renders each one); JSON keeps them as a value.
    CliRun limitedJson = CliRun.of("check", "--config", cfg.toString(), "--python", py.toString(), "--runs", "3", "--format", "json");
    assertThat(result(json(limitedJson), "budget-ms").path("details").path("limits").path("applied").path("cpuPercent").asDouble())
        .isEqualTo(10.0);

    // More runs than the limited side: unconstrained times on a shared machine spread wide.
    CliRun free = CliRun.of(
        "check", "--config", cfg.toString(), "--python", py.toString(), "--cpu", "none", "--runs", "15", "--format", "json");
    assertThat(free.exit()).as(free.out() + free.err()).isIn(0, 1);
    JsonNode budgetResult = result(json(free), "budget-ms");
    assertThat(budgetResult.path("summary").asString()).doesNotContain("under ");
    assertThat(budgetResult.path("details").path("limits").path("applied").path("cpuPercent").asDouble()).isZero();
    String status = budgetResult.path("status").asString();
    if (!status.equals("pass")) {
      // The unconstrained runs got less than a sixth of a core on average: on a machine this
      // loaded (this project's build machine runs at load 20-30 on 2 cores) nothing can show the
      // budget met. CI runs on a machine of its own, where it must pass.
      String load = Files.readString(Path.of("/proc/loadavg")).strip();
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("unconstrained, the budget must be met: " + budgetResult + " (load " + load + ")");
      }
      assumeTrue(false, "machine too loaded to meet the budget unconstrained (load " + load + "): " + budgetResult);
    }
    assertThat(free.exit()).isZero();
    // The same limit from the command line instead of the file.
    Path plain = config("""
        [[tool.coldstart.entry]]
        name = "version"
        target = "fleet.version"
        budget-ms = %d
        """.formatted(budget));
    CliRun fromCli = CliRun.of("check", "--config", plain.toString(), "--python", py.toString(), "--runs", "3", "--cpu", "10");
    assertThat(fromCli.exit()).as(fromCli.out() + fromCli.err()).isIn(0, 1);
    assertThat(fromCli.out()).contains("version: budget-ms: under cpu=10%: ");
  }

  private void hogProject() throws IOException {
    Files.writeString(dir.resolve("hog.py"), "import json, decimal, fractions\nb = b'x' * (300 << 20)\n");
    config("""
        [[tool.coldstart.entry]]
        name = "hog"
        target = "hog"
        budget-ms = 100000
        memory = "128M"
        """);
  }

  @Test
  void anEntryKilledByItsMemoryLimitIsAFailedCheckWithItsOwnMessage() throws Exception {
    assumeCgroupsWritable();
    Path py = Pythons.require("3.11");
    hogProject();
    CliRun r = CliRun.of("check", "--config", dir.resolve("pyproject.toml").toString(), "--python", py.toString(), "--runs", "3");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern("FAIL +hog: memory limit: under memory=128M: the entry was killed by the memory limit \\(128M\\)"
            + " after [1-9][0-9]* modules \\(the last to finish: fractions\\)")
        .doesNotContain("INCONCLUSIVE")
        .doesNotContain("budget-ms");
    CliRun j = CliRun.of("check", "--config", dir.resolve("pyproject.toml").toString(), "--python", py.toString(), "--runs", "3",
        "--format", "json");
    JsonNode kill = result(json(j), "memory limit");
    assertThat(kill.path("status").asString()).isEqualTo("fail");
    assertThat(kill.path("details").path("kill").path("memoryBytes").asLong()).isEqualTo(128L << 20);
    assertThat(kill.path("details").path("kill").path("modules").asInt()).isPositive();
  }

  @Test
  void noCgroupAccessIsExitTwoSayingWhatIsMissingUnlessBestEffort() throws Exception {
    Path py = Pythons.require("3.11");
    hogProject();
    Files.writeString(dir.resolve("hog.py"), "import json\n");
    Path root = Files.createDirectories(dir.resolve("no-cgroups"));
    String cfg = dir.resolve("pyproject.toml").toString();
    String old = System.getProperty("coldstart.cgroup.root");
    System.setProperty("coldstart.cgroup.root", root.toString());
    try {
      CliRun strict = CliRun.of("check", "--config", cfg, "--python", py.toString(), "--runs", "2", "--cpu", "10");
      assertThat(strict.exit()).as(strict.out() + strict.err()).isEqualTo(2);
      assertThat(strict.err())
          .contains("cannot enforce cpu=10% and memory=128M")
          .contains("cgroup v1: no cgroup v1 hierarchy with the cpu controller is mounted")
          .contains("--limits best-effort")
          .doesNotContain("\tat ");

      CliRun best = CliRun.of("check", "--config", cfg, "--python", py.toString(), "--runs", "2", "--limits", "best-effort");
      assertThat(best.exit()).as(best.out() + best.err()).isZero();
      assertThat(best.out())
          .contains("under memory=128M asked but NOT applied (--limits best-effort): ")
          .contains("note: entry hog: memory=128M asked but NOT applied (--limits best-effort), because no cgroup could be made"
              + " (cgroup v1: no cgroup v1 hierarchy with the memory controller is mounted; ");
    } finally {
      if (old == null) {
        System.clearProperty("coldstart.cgroup.root");
      } else {
        System.setProperty("coldstart.cgroup.root", old);
      }
    }
  }

  @Test
  void anUnwritableCgroupHierarchyIsNamed() throws Exception {
    Path py = Pythons.require("3.11");
    hogProject();
    Path root = Files.createDirectories(dir.resolve("cgroups"));
    // /proc/1 is a directory nobody may create groups in, root included.
    Files.createSymbolicLink(root.resolve("memory"), Path.of("/proc/1"));
    String old = System.getProperty("coldstart.cgroup.root");
    System.setProperty("coldstart.cgroup.root", root.toString());
    try {
      CliRun r = CliRun.of("check", "--config", dir.resolve("pyproject.toml").toString(), "--python", py.toString(), "--runs", "2");
      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
      assertThat(r.err()).contains(root.resolve("memory") + " is not writable");
    } finally {
      if (old == null) {
        System.clearProperty("coldstart.cgroup.root");
      } else {
        System.setProperty("coldstart.cgroup.root", old);
      }
    }
  }

  @Test
  void coldCacheAndNoBytecodeCacheFromTheFileAreNamedInTheVerdict() throws Exception {
    Path py = Pythons.require("3.11");
    Files.writeString(dir.resolve("small.py"), "import json\n");
    Path cfg = config("""
        [tool.coldstart]
        cold-cache = true

        [[tool.coldstart.entry]]
        name = "small"
        target = "small"
        budget-ms = 100000
        bytecode-cache = false
        """);
    CliRun r = CliRun.of("check", "--config", cfg.toString(), "--python", py.toString(), "--runs", "2");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS         small: budget-ms: under cold-cache, no-bytecode-cache: ");
    CliRun off = CliRun.of("check", "--config", cfg.toString(), "--python", py.toString(), "--runs", "2", "--limits", "off");
    assertThat(off.exit()).as(off.out() + off.err()).isZero();
    assertThat(off.out()).contains("PASS         small: budget-ms: ").doesNotContain("under ");
  }

  @Test
  void badLimitsInTheConfigurationAreExitTwoWithTheirLines() throws Exception {
    Path cfg = config("""
        [[tool.coldstart.entry]]
        name = "x"
        target = "json"
        cpu = 0.5
        memory = "lots"
        cold-cache = "yes"
        """);
    CliRun r = CliRun.of("check", "--config", cfg.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("pyproject.toml:4: tool.coldstart.entry[0].cpu: below 1")
        .contains("pyproject.toml:5: tool.coldstart.entry[0].memory: 'lots' is not a size")
        .contains("pyproject.toml:6: tool.coldstart.entry[0].cold-cache: must be true or false");
    assertThat(CliRun.of("check", "--config", cfg.toString(), "--limits", "off", "--cpu", "10").exit()).isEqualTo(2);
  }

  // --against under limits: base and head in one group with the same settings.

  private String git(String... args) throws IOException, InterruptedException {
    return dev.coldstart.testing.Git.run(dir, args);
  }

  /** A module that writes which side it is and the cgroups it runs in to a log outside both trees. */
  private static String sideReporter(Path log, String side) {
    return "import json\nwith open('/proc/self/cgroup') as f:\n    groups = sorted(l.strip() for l in f"
        + " if ':cpu:' in l or ':memory:' in l)\nwith open(" + "'" + log + "'" + ", 'a') as f:\n    f.write('"
        + side + " ' + ' '.join(groups) + '\\n')\n";
  }

  @Test
  void againstRunsBaseAndHeadInTheSameGroupUnderTheSameLimits() throws Exception {
    assumeCgroupsWritable();
    assumeTrue(new ProcessBuilder("git", "--version").start().waitFor() == 0, "git is needed");
    Path py = Pythons.require("3.11");
    Path log = Files.createTempFile("coldstart-sides", ".txt");
    try {
      Files.writeString(dir.resolve("app.py"), sideReporter(log, "base"));
      config("""
          [[tool.coldstart.entry]]
          name = "app"
          target = "app"
          cpu = 50
          memory = "256M"
          """);
      git("init", "-q");
      git("add", ".");
      git("commit", "-q", "-m", "base");
      Files.writeString(dir.resolve("app.py"), sideReporter(log, "head"));
      CliRun r = CliRun.of("check", "--config", dir.resolve("pyproject.toml").toString(), "--python", py.toString(),
          "--against", "HEAD", "--runs", "3");
      assertThat(r.exit()).as(r.out() + r.err()).isIn(0, 1);
      assertThat(r.out()).contains("app: regression: under cpu=50%, memory=256M: CPU time");
      List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
      List<String> groups = lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).distinct().toList();
      assertThat(lines).anyMatch(l -> l.startsWith("base ")).anyMatch(l -> l.startsWith("head "));
      // The warm runs that learn nothing about limits do not run this module; every measured one does,
      // in one cpu and one memory group made for this comparison.
      assertThat(groups).hasSize(1);
      assertThat(groups.get(0)).contains(":cpu:").contains(":memory:").containsPattern("coldstart-\\d+-\\d+");
      assertThat(git("worktree", "list").strip().lines().count()).isEqualTo(1);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
