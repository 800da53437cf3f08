package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fix --select module-call}: NAME = call(...) computed on first access, on real Python. */
class FixModuleCallTest {
  /** Line 6 spends ~40 ms in build(); nothing else in the module reads TABLE. */
  static final String TABLES =
      """
      \"\"\"Tables.\"\"\"
      import time
      def build():
          t = time.perf_counter()
          return {"n": sum(1 for _ in iter(lambda: time.perf_counter() - t < 0.04, False)) > 0, "k": [1, 2]}
      TABLE = build()
      NAMES = ("a", "b")
      """;

  @TempDir Path tmp;

  private String run(String py, String code) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(py, "-c", code).directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void verifyMakesTheImportCheapAndTheValueStillEqual() throws Exception {
    String py = Pythons.require("3.11").toString();
    Files.writeString(tmp.resolve("tables.py"), TABLES);
    String timing = "import time; t = time.perf_counter(); import tables; print(round((time.perf_counter() - t) * 1000))";
    assertThat(Integer.parseInt(run(py, timing))).isGreaterThanOrEqualTo(40);
    String before = run(py, "import tables; print(repr(tables.TABLE))");
    CliRun r = CliRun.of("fix", tmp.resolve("tables.py").toString(), "--select", "module-call",
        "--verify", "tables", "--python", py, "--runs", "3");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("computed on first access instead of at import: TABLE");
    String fixed = Files.readString(tmp.resolve("tables.py"));
    assertThat(fixed).doesNotContain("\nTABLE = build()").contains("def __getattr__(name):")
        .contains("value = globals()[\"TABLE\"] = build()");
    assertThat(Integer.parseInt(run(py, timing))).isLessThan(30);
    assertThat(run(py, "import tables; print(repr(tables.TABLE))")).isEqualTo(before);
    assertThat(run(py, "import tables; print('TABLE' in dir(tables), tables.NAMES == ('a', 'b'))")).isEqualTo("True True");
  }

  @Test
  void aNameTheModuleItselfReadsIsRefusedWithTheLine() throws IOException {
    Files.writeString(tmp.resolve("tables.py"), TABLES + "def lookup(k):\n    return TABLE.get(k)\n");
    CliRun r = CliRun.of("fix", tmp.resolve("tables.py").toString(), "--select", "module-call");
    assertThat(r.out() + r.err()).contains("'TABLE' is also used at line 9 in a function");
    assertThat(r.out()).doesNotContain("__getattr__");
    for (String extra : List.of("__all__ = [\"TABLE\"]\n", "def __getattr__(name):\n    raise AttributeError(name)\n",
        "build = None\n")) {
      Files.writeString(tmp.resolve("tables.py"), TABLES + extra);
      CliRun refused = CliRun.of("fix", tmp.resolve("tables.py").toString(), "--select", "module-call");
      assertThat(refused.out()).as(extra).doesNotContain("+def __getattr__");
      assertThat(refused.out() + refused.err()).as(extra).containsAnyOf("__all__", "already defines", "bound again later");
    }
  }
}
