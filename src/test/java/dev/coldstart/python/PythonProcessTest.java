package dev.coldstart.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import dev.coldstart.testing.Pythons;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonProcessTest {
  @TempDir Path tmp;

  /** The real binary behind python3 (a pyenv shim is a shell script with output of its own). */
  private static Path realPython() {
    return Interpreters.locate(Pythons.python3().toString(), System.getenv()).executable();
  }

  @Test
  void keptLinesSurviveWholeAndOtherLinesAreBoundedToHeadAndTail() {
    String code =
        "import sys\n"
            + "for i in range(5000):\n"
            + "    sys.stderr.write('other %d\\n' % i)\n"
            + "    if i % 10 == 0: sys.stderr.write('import time: row %d\\n' % i)\n";
    ProcessResult r =
        PythonProcess.builder(realPython(), List.of("-c", code))
            .keepStderr(l -> l.startsWith("import time:"))
            .run();
    assertThat(r.ok()).isTrue();
    assertThat(r.stderr().stream().filter(l -> l.startsWith("import time:"))).hasSize(500);
    List<String> other = r.stderr().stream().filter(l -> l.startsWith("other")).toList();
    assertThat(other).hasSize(2 * PythonProcess.OTHER_HEAD);
    assertThat(other.get(0)).isEqualTo("other 0");
    assertThat(other.get(other.size() - 1)).isEqualTo("other 4999");
    assertThat(r.stderrOmitted()).isEqualTo(5000 - 2 * PythonProcess.OTHER_HEAD);
    assertThat(r.stderr()).anyMatch(l -> l.contains("lines of the target's stderr omitted"));
    // Order is kept: the last row comes after the head of other lines.
    assertThat(r.stderr().indexOf("import time: row 4990")).isGreaterThan(r.stderr().indexOf("other 199"));
  }

  @Test
  void stdoutIsCapturedAndStdinIsEmpty() {
    ProcessResult r =
        PythonProcess.builder(realPython(), List.of("-c", "import sys; print(repr(sys.stdin.read()))")).run();
    assertThat(r.stdout().strip()).isEqualTo("''");
  }

  @Test
  void timeoutKillsAndSaysSo() {
    long t0 = System.nanoTime();
    ProcessResult r =
        PythonProcess.builder(realPython(), List.of("-c", "import time; time.sleep(30)"))
            .timeout(Duration.ofMillis(500))
            .run();
    assertThat(r.timedOut()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
  }

  @Test
  void aMissingExecutableIsATargetError() {
    assertThatThrownBy(() -> PythonProcess.builder(tmp.resolve("nope"), List.of()).run())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cannot start");
  }
}
