package dev.coldstart.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU-time wrapper runs every target form like Python would, and both trees interleaved. */
class AbSamplerTest {
  @TempDir Path tmp;

  @Test
  void everyTargetFormRunsInItsOwnTreeAndReportsCpuTime() throws Exception {
    var py = Interpreters.locate(Pythons.python3().toString(), System.getenv());
    for (String side : List.of("base", "head")) {
      Path root = Files.createDirectories(tmp.resolve(side));
      Files.writeString(root.resolve("mod.py"),
          "import sys, time\nassert sys.argv[0] in ('-c', 'mod') or sys.argv[0].endswith('mod.py'), sys.argv\n"
              + "if '" + side + "' == 'head':\n    _e = time.process_time() + 0.03\n    while time.process_time() < _e: pass\n"
              + "if __name__ == '__main__':\n    assert sys.argv[1:] == ['x y', 'é'], sys.argv\n    sys.exit(0)\n");
    }
    ProjectTree base = ProjectTree.of(tmp.resolve("base"), List.of());
    ProjectTree head = ProjectTree.of(tmp.resolve("head"), List.of());
    List<Target> targets =
        List.of(
            new Target.Module("mod"),
            new Target.Code("import mod; x = '\\u00e9\\\\'"),
            new Target.RunModule("mod", List.of("x y", "é")),
            new Target.Script(tmp.resolve("head/mod.py"), List.of("x y", "é")));
    for (Target t : targets) {
      AbSampler.Samples s =
          AbSampler.sample(py, "e", base.rebase(t, head.root()), base, t, head, 3, Duration.ofSeconds(60),
              tmp.resolve("cache-" + t.hashCode()), (e, d, n) -> {}, dev.coldstart.python.RunHook.NONE);
      assertThat(s.base()).hasSize(3);
      assertThat(java.util.Arrays.stream(s.base()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
      for (int i = 0; i < 3; i++) {
        assertThat(s.head()[i]).as(t.toString()).isGreaterThan(s.base()[i] + 20);
      }
    }
  }

  @Test
  void literalsSurviveAnyText() {
    assertThat(AbSampler.literal("a'b\\c\n\u00e9\uD83D\uDE00")).isEqualTo("'a\\'b\\\\c\\u000a\\u00e9\\U0001f600'");
    assertThat(ProjectTree.of(tmp, List.of("lib")).env()).containsEntry("PYTHONPATH",
        tmp.resolve("lib") + (System.getenv("PYTHONPATH") == null || System.getenv("PYTHONPATH").isEmpty()
            ? "" : ":" + System.getenv("PYTHONPATH")));
  }
}
