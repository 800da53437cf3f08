package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.demo.DemoProject;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import dev.coldstart.testing.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo project's promise: after {@code fix --apply}, {@code import fleet.version} no longer
 * loads the heavy chain, every exported name still imports, and the saving is at least 90 % of
 * what deleting the re-exports outright gives (both measured with the profiler).
 */
class FixDemoTest {
  @TempDir Path temp;

  @Test
  void lazyInitSavesNearlyAllThatDeletingTheReexportsWould() throws Exception {
    Path py = Pythons.require("3.11");
    Path original = DemoProject.unpack(Files.createDirectories(temp.resolve("original")));
    Path fixed = DemoProject.unpack(Files.createDirectories(temp.resolve("fixed")));
    Path deleted = DemoProject.unpack(Files.createDirectories(temp.resolve("deleted")));
    Path init = deleted.resolve("fleet/__init__.py");
    Files.writeString(init, Files.readString(init).replaceAll("(?m)^from \\..*\\n", ""));

    CliRun r = CliRun.of("fix", "--apply", fixed.resolve("fleet").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 re-exports made lazy");

    String check = String.join("\n",
        "import sys, fleet.version",
        "heavy = [m for m in ('asyncio', 'sqlite3', 'http.server', 'fleet.protocols', 'fleet.server') if m in sys.modules]",
        "assert not heavy, heavy",
        "import fleet",
        "for n in fleet.__all__: getattr(fleet, n)",
        "ns = {}; exec('from fleet import *', ns)",
        "assert sorted(k for k in ns if k != '__builtins__') == sorted(fleet.__all__)",
        "print('ok')");
    Process p = new ProcessBuilder(py.toString(), "-c", check).directory(fixed.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();

    Interpreter interp = Interpreters.probe(py);
    double orig = importMs(interp, original);
    double lazy = importMs(interp, fixed);
    double gone = importMs(interp, deleted);
    System.out.printf("demo import fleet.version: original %.1f ms, fixed %.1f ms, re-exports deleted %.1f ms%n", orig, lazy, gone);
    assertThat(orig - lazy).isGreaterThanOrEqualTo(0.9 * (orig - gone));
  }

  private static double importMs(Interpreter py, Path root) {
    Profile p = dev.coldstart.explain.Explainer.profile(
        new Profiler.Request(py, new Target.Module("fleet.version"), 15, 2, Duration.ofMinutes(1), false,
            Map.of(), root, List.of()),
        dev.coldstart.profile.Sampler.Listener.NONE).profile();
    return p.importMs().median();
  }

  @Test
  void verifyOnTheDemoReportsPredictedAndAchievedSaving() throws Exception {
    Path py = Pythons.require("3.11");
    Path root = DemoProject.unpack(Files.createDirectories(temp.resolve("verify")));
    CliRun r = CliRun.of("fix", "--python", py.toString(), "--verify", "fleet.version", "--runs", "5",
        root.resolve("fleet").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Public API of fleet: unchanged")
        .containsPattern("Saving of import time: predicted \\d+\\.\\d ms .*achieved -?\\d+\\.\\d ms");
    assertThat(Files.readString(root.resolve("fleet/__init__.py"))).contains("def __getattr__(name):");
  }
}
