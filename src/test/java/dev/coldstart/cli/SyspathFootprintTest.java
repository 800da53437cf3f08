package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.python.PythonProcess;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** coldstart syspath and coldstart footprint on real interpreters and installed packages. */
class SyspathFootprintTest {
  @TempDir Path dir;

  @Test
  void syspathTimesAPthFileAndShowsItsImportLine() throws Exception {
    Path py = Pythons.require("3.11");
    Path venv = dir.resolve("venv");
    assertThat(
            PythonProcess.builder(py, List.of("-m", "venv", "--without-pip", venv.toString()))
                .timeout(Duration.ofSeconds(60))
                .run()
                .ok())
        .isTrue();
    Path site;
    try (var s = Files.walk(venv.resolve("lib"), 2)) {
      site = s.filter(p -> p.getFileName().toString().equals("site-packages")).findFirst().orElseThrow();
    }
    Files.writeString(site.resolve("slow.pth"), "# a comment\n" + dir.resolve("extra") + "\nimport time; time.sleep(0.05)\n");
    Files.createDirectories(dir.resolve("extra"));
    CliRun r = CliRun.of("syspath", "--python", venv.toString(), "--runs", "3", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    JsonNode slow = null;
    for (JsonNode p : j.path("pth")) {
      if (p.path("file").asString().endsWith("slow.pth")) {
        slow = p;
      }
    }
    assertThat(slow).isNotNull();
    assertThat(slow.path("medianMs").asDouble()).isBetween(45.0, 1000.0);
    assertThat(slow.path("importLines").toString()).contains("time.sleep(0.05)");
    assertThat(slow.path("pathLines").toString()).contains("extra");
    assertThat(j.path("entries").toString()).contains("slow.pth");

    CliRun text = CliRun.of("syspath", "--python", venv.toString(), "--runs", "1", "json");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("slow.pth").contains("runs: import time").contains("module(s)");
    assertThat(text.out()).containsPattern("file-system calls of its imports|path scan");
  }

  @Test
  void footprintOfNumpyIsPlatformSpecificWithItsWheelTags() {
    Path py = Pythons.require("3.11");
    assumeTrue(
        PythonProcess.builder(py, List.of("-c", "import numpy")).timeout(Duration.ofSeconds(60)).run().ok(),
        "numpy is not installed");
    CliRun r = CliRun.of("footprint", "--python", py.toString(), "numpy", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    JsonNode numpy = null;
    for (JsonNode d : j.path("distributions")) {
      if (d.path("name").asString().equals("numpy")) {
        numpy = d;
      }
    }
    assertThat(numpy).isNotNull();
    assertThat(numpy.path("platformSpecific").asBoolean()).isTrue();
    assertThat(numpy.path("tags").toString()).contains(System.getProperty("os.arch").equals("amd64") ? "x86_64" : "");
    assertThat(numpy.path("nativeBytes").asLong()).isPositive();
    assertThat(j.path("extensionModules").asInt()).isPositive();
  }

  @Test
  void footprintOfAPureStdlibImportHasNoPlatformSpecificDistribution() {
    Path py = Pythons.require("3.11");
    CliRun r = CliRun.of("footprint", "--python", py.toString(), "-c", "import json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("PLATFORM-SPECIFIC").contains("Native files outside any distribution");
  }

  @Test
  void footprintOfAFailingTargetIsExitThree() {
    Path py = Pythons.require("3.11");
    CliRun r = CliRun.of("footprint", "--python", py.toString(), "no_such_module_xyz");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("ModuleNotFoundError");
  }
}
