package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The profile verb as users run it: argv in, stdout/stderr/exit out, with real interpreters. */
class ProfileCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static Map<String, JsonNode> modules(JsonNode profile) {
    Map<String, JsonNode> m = new java.util.HashMap<>();
    profile.path("modules").forEach(n -> m.put(n.path("name").asString(), n));
    return m;
  }

  @Test
  void jsonProfileOfJsonListsItsSubmodulesWithMediansAndIntervals() {
    Path py = Pythons.python3();
    CliRun r = CliRun.of("profile", "json", "--runs", "10", "--format", "json", "--python", py.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode p = JSON.readTree(r.out());
    assertThat(p.path("schema").asString()).isEqualTo("coldstart.profile/1");
    assertThat(p.path("runs").asInt()).isEqualTo(10);
    Map<String, JsonNode> mods = modules(p);
    for (String name : List.of("json.decoder", "json.scanner")) {
      JsonNode m = mods.get(name);
      assertThat(m).as(name).isNotNull();
      JsonNode self = m.path("selfMs");
      assertThat(self.path("n").asInt()).isEqualTo(10);
      assertThat(self.path("low").asDouble()).isLessThanOrEqualTo(self.path("median").asDouble());
      assertThat(self.path("high").asDouble()).isGreaterThanOrEqualTo(self.path("median").asDouble());
      assertThat(m.path("cumulativeMs").path("median").asDouble()).isGreaterThan(0);
      assertThat(m.path("file").asString()).endsWith(name.replace('.', '/') + ".py");
      assertThat(m.path("failed").asBoolean()).isFalse();
    }
    assertThat(mods.get("_json").path("extension").asBoolean()).isTrue();
    assertThat(p.path("bareWallMs").path("n").asInt()).isEqualTo(10);
    assertThat(p.path("aboveBareMs").has("estimate")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"})
  void asyncioProfilesOnEveryPython(String version) {
    Path py = Pythons.require(version);
    CliRun r =
        CliRun.of("profile", "-c", "import asyncio", "--runs", "2", "--warmup", "0", "--format", "json", "--python", py.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode p = JSON.readTree(r.out());
    assertThat(p.path("python").path("version").asString()).startsWith(version + ".");
    assertThat(modules(p)).containsKeys("asyncio", "asyncio.events");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.7", "3.6"})
  void interpretersWithoutImportTimeAreNamedAsSuch(String version) {
    Path py = Pythons.require(version);
    CliRun r = CliRun.of("profile", "json", "--runs", "1", "--python", py.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("does not support -X importtime (Python 3.7+ needed)").doesNotContain("\tat ");
  }

  @Test
  void aTargetThatRaisesShowsTheEndOfItsTraceback() {
    CliRun r = CliRun.of("profile", "-c", "import json\nraise ValueError('boom 42')", "--runs", "2", "--python", Pythons.python3().toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("the target failed").contains("ValueError: boom 42").doesNotContain("\tat ");
  }

  @Test
  void aHangingTargetIsKilledWithItsChildren() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    String code =
        "import subprocess, sys, time\n"
            + "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
            + "open(" + pyString(pidFile.toString()) + ", 'w').write(str(p.pid))\n"
            + "time.sleep(60)\n";
    long t0 = System.nanoTime();
    CliRun r = CliRun.of("profile", "-c", code, "--runs", "1", "--warmup", "0", "--timeout", "2", "--python", Pythons.python3().toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("timed out after 2 s");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
    long childPid = Long.parseLong(Files.readString(pidFile).trim());
    // The grandchild is gone too (allow a moment for the kill to land).
    for (int i = 0; i < 50 && ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void hugeStderrIsBoundedAndTheProfileStillWorks() {
    String code = "import sys, json\nfor i in range(300000): sys.stderr.write('noise line %d\\n' % i)\n";
    CliRun r = CliRun.of("profile", "-c", code, "--runs", "1", "--warmup", "0", "--format", "json", "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(modules(JSON.readTree(r.out()))).containsKey("json");
  }

  @Test
  void aFailedImportIsToldApartFromALoad() throws Exception {
    Files.writeString(tmp.resolve("brokenmod.py"), "import json\nraise RuntimeError('no')\n");
    Path script = tmp.resolve("main.py");
    Files.writeString(script, "try:\n    import brokenmod\nexcept RuntimeError:\n    pass\nimport email\n");
    CliRun r = CliRun.of("profile", script.toString(), "--runs", "2", "--warmup", "0", "--format", "json", "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, JsonNode> mods = modules(JSON.readTree(r.out()));
    assertThat(mods.get("brokenmod").path("failed").asBoolean()).isTrue();
    assertThat(mods.get("email").path("failed").asBoolean()).isFalse();
    assertThat(mods.get("json").path("failed").asBoolean()).isFalse();
  }

  @Test
  void runModuleTargetPassesItsArguments() throws Exception {
    Path in = tmp.resolve("in.json");
    Files.writeString(in, "{\"a\": 1}");
    CliRun r = CliRun.of("profile", "--runs", "1", "--warmup", "0", "--format", "json", "--python", Pythons.python3().toString(), "-m", "json.tool", in.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).path("target").asString()).isEqualTo("-m json.tool " + in);
  }

  @Test
  void textOutputGoesToAFileAtomically() throws Exception {
    Path out = tmp.resolve("sub/profile.txt");
    CliRun r = CliRun.of("profile", "json", "--runs", "2", "-o", out.toString(), "--python", Pythons.python3().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out)).contains("coldstart profile: import json").contains("json.decoder");
    try (var s = Files.list(out.getParent())) {
      assertThat(s.toList()).containsExactly(out); // no temporary file left behind
    }
  }

  @Test
  void aLogFromStdinIsProfiled() throws Exception {
    Path py = Pythons.python3();
    Process p = new ProcessBuilder(py.toString(), "-X", "importtime", "-c", "import json").redirectErrorStream(false).start();
    String log = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    CliRun r = CliRun.withStdin(log, "profile", "--log", "-", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode prof = JSON.readTree(r.out());
    assertThat(modules(prof)).containsKeys("json", "json.decoder");
    assertThat(prof.path("runs").asInt()).isEqualTo(1);
  }

  @Test
  void badInputGetsUsageErrors() {
    List<CliRun> runs = new ArrayList<>();
    runs.add(CliRun.of("profile"));
    runs.add(CliRun.of("profile", "json", "--runs", "0"));
    runs.add(CliRun.of("profile", "json", "extra"));
    runs.add(CliRun.of("profile", "not a module"));
    runs.add(CliRun.of("profile", "--log", tmp.resolve("missing.log").toString()));
    runs.add(CliRun.of("profile", "-c", "pass", "-m", "json"));
    runs.add(CliRun.of("profile", "json", "--format", "yaml"));
    for (CliRun r : runs) {
      assertThat(r.exit()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("coldstart: ").doesNotContain("\tat ");
    }
  }

  @Test
  void aMissingInterpreterIsATargetFailure() {
    CliRun r = CliRun.of("profile", "json", "--python", tmp.resolve("nope/python3").toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("no Python interpreter at").contains("file not found");
  }

  @Test
  void aLogOfNonsenseIsRejected() throws Exception {
    Path log = tmp.resolve("x.log");
    Files.writeString(log, "hello\nworld\n");
    CliRun r = CliRun.of("profile", "--log", log.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("x.log");
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
